package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Memory after the load" section of a throughput report read back: per service its RSS and peak RSS after the
 * comparisons, a few minutes into the run. A file without the section has no rows.
 */
record MemoryAfterLoad(String source, Map<String, Row> rows) {

	/** One service's RSS and peak RSS (MB); null where the table says n/a. */
	record Row(Double residentMegabytes, Double peakResidentMegabytes) {
	}

	static MemoryAfterLoad read(Path file) {
		try {
			return parse(file.toString(), Files.readString(file));
		}
		catch (IOException ex) {
			throw new BenchFailure("cannot read " + file + ": " + ex.getMessage());
		}
	}

	static MemoryAfterLoad parse(String source, String markdown) {
		List<String> lines = markdown.lines().toList();
		Map<String, Row> rows = new LinkedHashMap<>();
		int start = lines.indexOf("## Memory after the load");
		if (start < 0) {
			return new MemoryAfterLoad(source, rows);
		}
		boolean inTable = false;
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
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
			if (cells.length >= 3) {
				rows.put(cells[0].strip(), new Row(number(cells[1]), number(cells[2])));
			}
		}
		return new MemoryAfterLoad(source, rows);
	}

	private static Double number(String cell) {
		String value = cell.strip();
		return value.matches("[0-9]+(\\.[0-9]+)?") ? Double.valueOf(value) : null;
	}

}
