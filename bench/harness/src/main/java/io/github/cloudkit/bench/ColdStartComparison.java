package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cold-start tables of several runs of two builds side by side (bench/bus.md's "Cost of the bus",
 * bench/footprint.md): per service and for the whole platform the medians over each build's runs, their difference
 * (after − before) and every run's figure. A service one build does not have is "–" there and has no difference.
 * Only the tables' cells: each report writes its own headings and words for the two builds.
 */
final class ColdStartComparison {

	/** A figure of a service's cold-start row, with the format the tables show it in. */
	enum Metric {
		HEALTHY_AFTER(ColdStartTable.Row::healthyAfter, "%.1f"),
		STARTED_IN(ColdStartTable.Row::startedIn, "%.1f"),
		RESIDENT_MEGABYTES(ColdStartTable.Row::residentMegabytes, "%.0f");

		final Function<ColdStartTable.Row, Double> value;
		final String format;

		Metric(Function<ColdStartTable.Row, Double> value, String format) {
			this.value = value;
			this.format = format;
		}
	}

	/** The metrics of a per-service row, in the order of its cells. */
	static final List<Metric> ROW = List.of(Metric.HEALTHY_AFTER, Metric.STARTED_IN, Metric.RESIDENT_MEGABYTES);

	final List<ColdStartTable> before;
	final List<ColdStartTable> after;

	ColdStartComparison(List<ColdStartTable> before, List<ColdStartTable> after) {
		this.before = List.copyOf(before);
		this.after = List.copyOf(after);
	}

	boolean isEmpty() {
		return before.isEmpty() && after.isEmpty();
	}

	/** Services of the "after" runs first (their order: the launcher's), then any only the "before" runs had. */
	Set<String> services() {
		Set<String> services = new LinkedHashSet<>();
		after.forEach(table -> services.addAll(table.rows().keySet()));
		before.forEach(table -> services.addAll(table.rows().keySet()));
		return services;
	}

	/** Services only the "after" runs have: what the change added. */
	List<String> newServices() {
		Set<String> old = new LinkedHashSet<>();
		before.forEach(table -> old.addAll(table.rows().keySet()));
		return services().stream().filter(service -> !old.contains(service)).toList();
	}

	Optional<Double> medianBefore(String service, Metric metric) {
		return Statistics.median(values(before, service, metric));
	}

	Optional<Double> medianAfter(String service, Metric metric) {
		return Statistics.median(values(after, service, metric));
	}

	/** Every service healthy and /hello routed, median over each build's runs. */
	Optional<Double> totalBefore() {
		return Statistics.median(runValues(before, ColdStartTable::total));
	}

	Optional<Double> totalAfter() {
		return Statistics.median(runValues(after, ColdStartTable::total));
	}

	/** A service's row cells: "before | after | Δ" for each of {@link #ROW}. */
	/**
	 * The table of medians both reports show: per service, and the platform's totals, with the two builds named by
	 * their labels ("before"/"after", "without"/"with").
	 */
	List<String> medianTable(String beforeLabel, String afterLabel) {
		List<String> table = new ArrayList<>();
		table.add("| Service | healthy after (s), " + beforeLabel + " | " + afterLabel + " | Δ | \"Started in\" (s), "
				+ beforeLabel + " | " + afterLabel + " | Δ | RSS after start (MB), " + beforeLabel + " | " + afterLabel
				+ " | Δ |");
		table.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String service : services()) {
			table.add("| " + service + " | " + medianCells(service) + " |");
		}
		table.add("| **every service healthy, `/hello` routed** | " + totalCells() + " | | | | | | |");
		table.add("| **all services together** | | | | | | | " + totalResidentCells() + " |");
		return table;
	}

	String medianCells(String service) {
		return ROW.stream().map(metric -> compareValues(values(before, service, metric), values(after, service, metric),
				metric.format)).collect(Collectors.joining(" | "));
	}

	/** "before | after | Δ" of the whole platform's cold start. */
	String totalCells() {
		return compareValues(runValues(before, ColdStartTable::total), runValues(after, ColdStartTable::total), "%.1f");
	}

	/** "before | after | Δ" of every service's RSS after start together. */
	String totalResidentCells() {
		return compareValues(runValues(before, ColdStartTable::totalResidentMegabytes),
				runValues(after, ColdStartTable::totalResidentMegabytes), "%.0f");
	}

	/** A service's figures in each run, "before, before / after" for each of {@link #ROW}. */
	String eachRunCells(String service) {
		return ROW.stream().map(metric -> joinValues(values(before, service, metric), metric.format) + " / "
				+ joinValues(values(after, service, metric), metric.format)).collect(Collectors.joining(" | "));
	}

	/** The whole platform's cold start in each run, "before, before / after". */
	String eachRunTotal() {
		return joinValues(runValues(before, ColdStartTable::total), "%.1f") + " / "
				+ joinValues(runValues(after, ColdStartTable::total), "%.1f");
	}

	static String commits(List<ColdStartTable> tables) {
		return tables.stream().map(ColdStartTable::kitCommit).distinct().collect(Collectors.joining(", "));
	}

	static String sources(List<ColdStartTable> tables) {
		return tables.stream().map(ColdStartTable::source).collect(Collectors.joining(", "));
	}

	/** Whatever makes the runs compared less comparable. */
	List<String> warnings() {
		List<String> warnings = new ArrayList<>();
		List<ColdStartTable> all = new ArrayList<>(before);
		all.addAll(after);
		if (all.isEmpty()) {
			return warnings;
		}
		if (all.stream().map(ColdStartTable::quick).distinct().count() > 1
				|| all.stream().map(ColdStartTable::instances).distinct().count() > 1) {
			warnings.add("the cold-start runs compared differ in mode (--quick or not) or in sample instances");
		}
		for (ColdStartTable table : all) {
			List<String> other = table.rows().entrySet().stream()
					.filter(row -> !"archive".equals(row.getValue().classData())
							&& !JvmCommandLine.NOT_A_JVM.equals(row.getValue().classData()))
					.map(row -> row.getKey() + " (" + row.getValue().classData() + ")").toList();
			if (!other.isEmpty()) {
				warnings.add(table.source() + ": started without a class-data archive: " + String.join(", ", other)
						+ "; such a start (the first after a build) is slower");
			}
		}
		return warnings;
	}

	/** "before | after | Δ": a side without the figure is "–", and then there is no Δ. */
	private static String compareValues(List<Double> before, List<Double> after, String format) {
		Optional<Double> old = Statistics.median(before);
		Optional<Double> now = Statistics.median(after);
		String delta = old.isPresent() && now.isPresent() ? Console.format(format.replace("%", "%+"), now.get() - old.get())
				: "–";
		return (before.isEmpty() ? "–" : Statistics.format(old, format)) + " | "
				+ (after.isEmpty() ? "–" : Statistics.format(now, format)) + " | " + delta;
	}

	private static String joinValues(List<Double> values, String format) {
		return values.isEmpty() ? "–" : Statistics.join(values, format);
	}

	/** The service's figure in each run that has it (absent figures left out, as the medians leave them out). */
	private static List<Double> values(List<ColdStartTable> tables, String service, Metric metric) {
		List<Double> values = new ArrayList<>();
		for (ColdStartTable table : tables) {
			ColdStartTable.Row row = table.rows().get(service);
			if (row != null && metric.value.apply(row) != null) {
				values.add(metric.value.apply(row));
			}
		}
		return values;
	}

	private static List<Double> runValues(List<ColdStartTable> tables, Function<ColdStartTable, Double> metric) {
		return tables.stream().map(metric).filter(value -> value != null).toList();
	}

}
