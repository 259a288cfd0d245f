package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "Cold start" section of a throughput report (bench/results.md, or bench/last-run/results-quick.md) read back:
 * per service the seconds to healthy, Spring Boot's "Started in", its RSS and class data, plus the run's kit commit,
 * mode and total. The table's columns are {@link ThroughputReport}'s, which the harness before and after the bus
 * write alike, so that the bus report can compare two builds' runs made by their own harnesses.
 */
record ColdStartTable(String source, String kitCommit, boolean quick, int instances, Double total,
		Map<String, Row> rows) {

	/** One service's figures; null where the table says n/a. */
	record Row(Double healthyAfter, Double startedIn, Double jvmRunningFor, Double residentMegabytes, String classData) {
	}

	private static final Pattern COMMIT = Pattern.compile("^Produced by `bench/run[^`]*` on .* kit commit (.+)\\.$");
	private static final Pattern INSTANCES = Pattern.compile("`\\./platform up --instances ([0-9]+)`");
	private static final Pattern TOTAL = Pattern.compile("routed \\*\\*([0-9.]+) s\\*\\*");

	static ColdStartTable read(Path file) {
		try {
			return parse(file.toString(), Files.readString(file));
		}
		catch (IOException ex) {
			throw new BenchFailure("cannot read " + file + ": " + ex.getMessage());
		}
	}

	static ColdStartTable parse(String source, String markdown) {
		List<String> lines = markdown.lines().toList();
		String commit = lines.stream().map(COMMIT::matcher).filter(Matcher::matches).map(matcher -> matcher.group(1))
				.findFirst().orElse("unknown");
		boolean quick = lines.stream().anyMatch(line -> line.startsWith("> **Smoke run"));
		int start = lines.indexOf("## Cold start");
		if (start < 0) {
			throw new BenchFailure(source + " has no \"## Cold start\" section: not a bench/run results file");
		}
		List<String> section = new ArrayList<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			section.add(line);
		}
		String text = String.join("\n", section);
		Matcher instances = INSTANCES.matcher(text);
		Matcher total = TOTAL.matcher(text);
		Map<String, Row> rows = new LinkedHashMap<>();
		boolean inTable = false;
		for (String line : section) {
			if (line.startsWith("| Service |")) {
				inTable = true;
				continue;
			}
			if (!inTable || line.startsWith("|---")) {
				continue;
			}
			if (!line.startsWith("|")) {
				break;
			}
			String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|", -1);
			if (cells.length < 6) {
				throw new BenchFailure(source + ": a cold-start row with " + cells.length + " cells: " + line);
			}
			rows.put(cells[0].strip(), new Row(number(cells[1]), number(cells[2]), number(cells[3]), number(cells[4]),
					cells[5].strip()));
		}
		if (rows.isEmpty()) {
			throw new BenchFailure(source + ": its cold-start section has no table rows");
		}
		return new ColdStartTable(source, commit, quick, instances.find() ? Integer.parseInt(instances.group(1)) : 0,
				total.find() ? Double.valueOf(total.group(1)) : null, rows);
	}

	/** The sum of every service's RSS, or null when a row has none. */
	Double totalResidentMegabytes() {
		double sum = 0;
		for (Row row : rows.values()) {
			if (row.residentMegabytes() == null) {
				return null;
			}
			sum += row.residentMegabytes();
		}
		return sum;
	}

	/** "1.5" or "1.5 ¹" (a footnote) is 1.5; "n/a" or anything else not a number is null. */
	private static Double number(String cell) {
		String value = cell.strip().replaceAll("\\s*¹$", "");
		return value.matches("[0-9]+(\\.[0-9]+)?") ? Double.valueOf(value) : null;
	}

}
