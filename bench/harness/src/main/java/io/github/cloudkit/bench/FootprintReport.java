package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.github.cloudkit.bench.ColdStartComparison.Metric;

/**
 * bench/footprint.md, from the results files of `bench/run --quick` runs of a build before and one after new services
 * were added: what each service costs at start and in memory, and a verdict computed from the figures: each new
 * service's RSS against the budget the others keep to, and whether the platform's cold start grew by more than the
 * new services' own start.
 */
final class FootprintReport {

	/** Every service's resident set stays within this (issue 17). */
	static final double BUDGET_MEGABYTES = 256;

	private final ColdStartComparison cold;
	private final List<MemoryAfterLoad> memoryBefore;
	private final List<MemoryAfterLoad> memoryAfter;
	private final String date;
	private final Markdown out = new Markdown();

	FootprintReport(ColdStartComparison cold, List<MemoryAfterLoad> memoryBefore, List<MemoryAfterLoad> memoryAfter,
			String date) {
		this.cold = cold;
		this.memoryBefore = memoryBefore;
		this.memoryAfter = memoryAfter;
		this.date = date;
	}

	String markdown() {
		List<ColdStartTable> before = cold.before;
		List<ColdStartTable> after = cold.after;
		out.line("# Footprint of the new services");
		out.line();
		out.line("Produced by `bench/run --footprint` on " + date + " from the results of " + before.size() + " run(s) of the build "
				+ "before (kit " + ColdStartComparison.commits(before) + ") and " + after.size() + " of the build after (kit "
				+ ColdStartComparison.commits(after) + "), each made by that build's own `bench/run"
				+ (before.get(0).quick() ? " --quick" : "") + "` (`./platform up --instances " + before.get(0).instances()
				+ "`). Medians over the runs, Δ = after − before; times count from launching `./platform up`.");
		if (before.get(0).quick()) {
			out.line("In `--quick` runs three more gateways (the tracing comparison's) start together with the platform on the");
			out.line("same cores, in both builds alike: absolute times are longer than a plain `./platform up`'s.");
		}
		out.line();
		out.line("**Verdict:** " + verdict());
		out.line();
		newServices();
		perService();
		memory();
		eachRun();
		out.line("Files: " + ColdStartComparison.sources(before) + " (before); " + ColdStartComparison.sources(after) + " (after).");
		List<String> warnings = cold.warnings();
		out.append(Console.warningsSection(warnings));
		return out.toString();
	}

	/** One plain sentence per goal, each judged from the medians. */
	String verdict() {
		List<String> added = cold.newServices();
		if (added.isEmpty()) {
			return "the runs after have no service the runs before lack: nothing new to judge.";
		}
		List<String> parts = new ArrayList<>();
		boolean withinBudget = true;
		for (String service : added) {
			Optional<Double> atStart = cold.medianAfter(service, Metric.RESIDENT_MEGABYTES);
			Optional<Double> afterLoad = memoryMedian(memoryAfter, service, MemoryAfterLoad.Row::residentMegabytes);
			Optional<Double> largest = Statistics.max(List.of(atStart, afterLoad).stream().flatMap(Optional::stream).toList());
			String figures = service + " " + megabytes(atStart) + " RSS after start, " + megabytes(afterLoad) + " after the load";
			if (largest.isEmpty()) {
				parts.add(figures + ": no RSS to judge");
				withinBudget = false;
			}
			else if (largest.get() <= BUDGET_MEGABYTES) {
				parts.add(figures + ": within the " + megabytes(BUDGET_MEGABYTES) + " budget");
			}
			else {
				parts.add(figures + ": over the " + megabytes(BUDGET_MEGABYTES) + " budget by "
						+ megabytes(largest.get() - BUDGET_MEGABYTES));
				withinBudget = false;
			}
		}
		String ownStartOf = null;
		double ownStart = -1;
		for (String service : added) {
			Optional<Double> startedIn = cold.medianAfter(service, Metric.STARTED_IN);
			if (startedIn.isPresent() && startedIn.get() > ownStart) {
				ownStart = startedIn.get();
				ownStartOf = service;
			}
		}
		Optional<Double> totalBefore = cold.totalBefore();
		Optional<Double> totalAfter = cold.totalAfter();
		boolean startWithin;
		if (totalBefore.isEmpty() || totalAfter.isEmpty() || ownStartOf == null) {
			parts.add("the cold start cannot be judged (a total or the new services' \"Started in\" is missing)");
			startWithin = false;
		}
		else {
			double growth = totalAfter.get() - totalBefore.get();
			startWithin = growth <= ownStart;
			parts.add("the platform's cold start " + seconds(totalBefore.get()) + " before, " + seconds(totalAfter.get())
					+ " after (" + Console.format("%+.1f s", growth) + "), " + (startWithin ? "no more than " : "more than ")
					+ ownStartOf + "'s own start (\"Started in\" " + seconds(ownStart) + "; healthy "
					+ seconds(cold.medianAfter(ownStartOf, Metric.HEALTHY_AFTER).orElse(Double.NaN))
					+ " after the launch)");
		}
		String goal = withinBudget && startWithin ? "goal met" : "goal not met";
		return "**" + goal + "**: " + String.join("; ", parts) + ".";
	}

	private void newServices() {
		out.line("## The new services");
		out.line();
		List<String> added = cold.newServices();
		if (added.isEmpty()) {
			out.line("None: every service of the runs after is in the runs before too.");
			out.line();
			return;
		}
		out.line("Only in the runs after; budget " + megabytes(BUDGET_MEGABYTES) + " RSS each.");
		out.line();
		out.line("| Service | healthy after (s) | \"Started in\" (s) | RSS after start (MB) | RSS after the load (MB) "
				+ "| peak RSS (MB) | class data |");
		out.line("|---|---:|---:|---:|---:|---:|---|");
		for (String service : added) {
			String classData = cold.after.stream().map(table -> table.rows().get(service)).filter(row -> row != null)
					.map(ColdStartTable.Row::classData).distinct().reduce((a, b) -> a + ", " + b).orElse("n/a");
			out.line("| " + service + " | " + format(cold.medianAfter(service, Metric.HEALTHY_AFTER), "%.1f") + " | "
					+ format(cold.medianAfter(service, Metric.STARTED_IN), "%.1f") + " | "
					+ format(cold.medianAfter(service, Metric.RESIDENT_MEGABYTES), "%.0f") + " | "
					+ format(memoryMedian(memoryAfter, service, MemoryAfterLoad.Row::residentMegabytes), "%.0f") + " | "
					+ format(memoryMedian(memoryAfter, service, MemoryAfterLoad.Row::peakResidentMegabytes), "%.0f") + " | "
					+ classData + " |");
		}
		if (added.stream().anyMatch(service -> cold.medianAfter(service, Metric.STARTED_IN).isEmpty())) {
			out.line();
			out.line("n/a under \"Started in\": a service that logs no Spring Boot \"Started\" line (Prometheus is no JVM).");
		}
		out.line();
	}

	private void perService() {
		out.line("## Cold start, per service");
		out.line();
		cold.medianTable("before", "after").forEach(out::line);
		out.line();
	}

	private void memory() {
		out.line("## Memory after the load");
		out.line();
		out.line("Each run's \"Memory after the load\" (`VmRSS`, `VmHWM` after the throughput and tracing comparisons, minutes into");
		out.line("the run), for the services of the cold-start tables.");
		out.line();
		out.line("| Service | RSS (MB), before | after | Δ | peak RSS (MB), before | after | Δ |");
		out.line("|---|---:|---:|---:|---:|---:|---:|");
		for (String service : cold.services()) {
			out.line("| " + service + " | " + memoryCells(service, MemoryAfterLoad.Row::residentMegabytes) + " | "
					+ memoryCells(service, MemoryAfterLoad.Row::peakResidentMegabytes) + " |");
		}
		out.line();
	}

	private void eachRun() {
		out.line("## Each run");
		out.line();
		out.line("Before / after, in the order the files were given.");
		out.line();
		out.line("| Service | healthy after (s) | \"Started in\" (s) | RSS after start (MB) |");
		out.line("|---|---|---|---|");
		for (String service : cold.services()) {
			out.line("| " + service + " | " + cold.eachRunCells(service) + " |");
		}
		out.line("| every service healthy, `/hello` routed | " + cold.eachRunTotal() + " | | |");
		out.line();
	}

	private String memoryCells(String service, Function<MemoryAfterLoad.Row, Double> metric) {
		Optional<Double> old = memoryMedian(memoryBefore, service, metric);
		Optional<Double> now = memoryMedian(memoryAfter, service, metric);
		String delta = old.isPresent() && now.isPresent() ? Console.format("%+.0f", now.get() - old.get()) : "–";
		return (old.isEmpty() ? "–" : format(old, "%.0f")) + " | " + (now.isEmpty() ? "–" : format(now, "%.0f")) + " | "
				+ delta;
	}

	private static Optional<Double> memoryMedian(List<MemoryAfterLoad> tables, String service,
			Function<MemoryAfterLoad.Row, Double> metric) {
		List<Double> values = new ArrayList<>();
		for (MemoryAfterLoad table : tables) {
			Map<String, MemoryAfterLoad.Row> rows = table.rows();
			if (rows.containsKey(service) && metric.apply(rows.get(service)) != null) {
				values.add(metric.apply(rows.get(service)));
			}
		}
		return Statistics.median(values);
	}

	private static String format(Optional<Double> value, String format) {
		return Statistics.format(value, format);
	}

	private static String megabytes(Optional<Double> value) {
		return value.map(FootprintReport::megabytes).orElse("n/a");
	}

	private static String megabytes(double value) {
		return Console.format("%.0f MB", value);
	}

	private static String seconds(double value) {
		return Console.format("%.1f s", value);
	}

}
