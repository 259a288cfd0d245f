package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Markdown of bench/run --ha (bench/high-availability.md): each start of ./platform up and ./platform up --ha,
 * their medians side by side, and the resident memory per instance. Its headings are what .ci/bench-smoke looks for.
 */
final class HighAvailabilityReport {

	/** One start: from nothing running to every service healthy and /hello routed, and what each process then held. */
	record Start(int round, boolean ha, double seconds, Double launcherSeconds, Map<String, Double> residentMegabytes) {
		double totalResident() {
			return residentMegabytes.values().stream().mapToDouble(Double::doubleValue).sum();
		}
	}

	private final List<Start> starts;
	private final Machine machine;
	private final int instances;
	private final String date;
	private final List<String> warnings;
	private final Markdown out = new Markdown();

	HighAvailabilityReport(List<Start> starts, Machine machine, int instances, String date, List<String> warnings) {
		this.starts = List.copyOf(starts);
		this.machine = machine;
		this.instances = instances;
		this.date = date;
		this.warnings = List.copyOf(warnings);
	}

	String markdown() {
		out.line("# What `./platform up --ha` costs");
		out.line();
		out.line("Produced by `bench/run --ha` on " + date + ", kit commit " + machine.kitCommit() + ": " + rounds()
				+ " round(s), each a start of `./platform up --instances " + instances + "` and one of `./platform up --instances "
				+ instances + " --ha`, which goes first alternating, `./platform down` after each. A start is timed from the");
		out.line("launcher's start until every service is healthy and the gateway routes `/hello`; every service starts from its");
		out.line("class-data archive, as on a user's second start.");
		out.line();
		out.line("| Setting | Value |");
		out.line("|---|---|");
		machine.settingRows().forEach(out::line);
		out.line();
		startTime();
		memory();
		out.append(Console.warningsSection(warnings));
		return out.toString();
	}

	private void startTime() {
		out.line("## Start");
		out.line();
		out.line("| | `./platform up` | `./platform up --ha` | `--ha` − plain |");
		out.line("|---|---|---|---|");
		Optional<Double> plain = Statistics.median(seconds(false));
		Optional<Double> ha = Statistics.median(seconds(true));
		out.line("| healthy and routing, median (s) | **" + Statistics.format(plain, "%.1f") + "** | **" + Statistics.format(ha, "%.1f")
				+ "** | " + difference(plain, ha, "%+.1f s") + " |");
		out.line("| each start (s) | " + Statistics.join(seconds(false), "%.1f") + " | " + Statistics.join(seconds(true), "%.1f") + " | |");
		out.line("| the launcher's own \"Platform up in\" (s) | " + Statistics.join(launcherSeconds(false), "%.0f") + " | "
				+ Statistics.join(launcherSeconds(true), "%.0f") + " | |");
		out.line();
	}

	private void memory() {
		out.line("## Resident memory");
		out.line();
		out.line("Every process's RSS when the platform was healthy and routing, in MB: the median over the rounds.");
		out.line();
		out.line("| Instance | `./platform up` | `./platform up --ha` |");
		out.line("|---|---|---|");
		Set<String> names = new LinkedHashSet<>();
		starts.stream().filter(start -> start.ha()).forEach(start -> names.addAll(start.residentMegabytes().keySet()));
		starts.forEach(start -> names.addAll(start.residentMegabytes().keySet()));
		for (String name : names) {
			out.line("| " + name + " | " + Statistics.format(Statistics.median(resident(false, name)), "%.0f") + " | "
					+ Statistics.format(Statistics.median(resident(true, name)), "%.0f") + " |");
		}
		Optional<Double> plain = Statistics.median(totals(false));
		Optional<Double> ha = Statistics.median(totals(true));
		out.line("| **all** | **" + Statistics.format(plain, "%.0f") + "** | **" + Statistics.format(ha, "%.0f") + "** |");
		out.line();
		out.line("`--ha` − plain: " + difference(plain, ha, "%+.0f MB") + " resident in all.");
	}

	private int rounds() {
		return (int) starts.stream().mapToInt(Start::round).distinct().count();
	}

	private List<Double> seconds(boolean ha) {
		return starts.stream().filter(start -> start.ha() == ha).map(Start::seconds).toList();
	}

	private List<Double> launcherSeconds(boolean ha) {
		List<Double> values = new ArrayList<>();
		starts.stream().filter(start -> start.ha() == ha && start.launcherSeconds() != null)
				.forEach(start -> values.add(start.launcherSeconds()));
		return values;
	}

	private List<Double> totals(boolean ha) {
		return starts.stream().filter(start -> start.ha() == ha).map(Start::totalResident).toList();
	}

	private List<Double> resident(boolean ha, String name) {
		List<Double> values = new ArrayList<>();
		starts.stream().filter(start -> start.ha() == ha && start.residentMegabytes().containsKey(name))
				.forEach(start -> values.add(start.residentMegabytes().get(name)));
		return values;
	}

	private static String difference(Optional<Double> plain, Optional<Double> ha, String format) {
		return plain.isPresent() && ha.isPresent() ? Console.format(format, ha.get() - plain.get()) : "n/a";
	}

}
