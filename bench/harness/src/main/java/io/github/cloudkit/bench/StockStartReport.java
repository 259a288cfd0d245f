package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.github.cloudkit.bench.Statistics.Paired;
import io.github.cloudkit.bench.Statistics.Pairing;

/**
 * The Markdown of bench/run --stock-start (bench/stock-start.md): each start by the launcher and the stock way,
 * their medians and their ratio taken within each round. Its headings are what .ci/bench-smoke looks for.
 */
final class StockStartReport {

	/** The goal: the launcher's start at most this share of the stock start's, in the same run. */
	static final double GOAL = 0.4;

	/** One start: nothing running to every kit service healthy and /hello routed; the RSS of all then. */
	record Start(int round, boolean launcher, double seconds, Double launcherSeconds, double residentMegabytes) {
	}

	private final List<Start> starts;
	private final Machine machine;
	private final int instances;
	private final String date;
	private final List<String> warnings;
	private final Markdown out = new Markdown();

	StockStartReport(List<Start> starts, Machine machine, int instances, String date, List<String> warnings) {
		this.starts = List.copyOf(starts);
		this.machine = machine;
		this.instances = instances;
		this.date = date;
		this.warnings = List.copyOf(warnings);
	}

	String markdown() {
		out.line("# Cold start: the launcher against the stock way");
		out.line();
		out.line("Produced by `bench/run --stock-start` on " + date + ", kit commit " + machine.kitCommit() + ": "
				+ rounds() + " round(s), each a start of `./platform up --instances " + instances + "` and one of the same");
		out.line("services the stock way: every fat jar with `java -jar` and no JVM options, all at once, each with the");
		out.line("environment and program arguments the launcher gave it (read from `/proc`) but not its malloc setting. Which");
		out.line("goes first alternates. A start is timed from its first process until every kit service is healthy and the");
		out.line("gateway routes `/hello`. The launcher starts from class-data archives, the registry, config server, broker");
		out.line("and Zipkin first, with its JVM options (`jvm.options`); it also starts Prometheus when installed, which");
		out.line("the stock start leaves out.");
		out.line();
		out.line("| Setting | Value |");
		out.line("|---|---|");
		machine.settingRows().forEach(out::line);
		out.line();
		out.line("## Start");
		out.line();
		out.line("| | `./platform up` | stock `java -jar` | launcher / stock |");
		out.line("|---|---|---|---|");
		Paired ratio = Statistics.paired(byRound(true), byRound(false), Pairing.RATIO);
		out.line("| healthy and routing, median (s) | **" + Statistics.format(Statistics.median(seconds(true)), "%.1f") + "** | **"
				+ Statistics.format(Statistics.median(seconds(false)), "%.1f") + "** | **"
				+ Statistics.format(ratio.median(), "%.2f") + "** |");
		out.line("| each start (s) | " + Statistics.join(seconds(true), "%.1f") + " | " + Statistics.join(seconds(false), "%.1f")
				+ " | " + Statistics.join(ratio.perRound(), "%.2f") + " |");
		List<Double> says = new ArrayList<>();
		starts.stream().filter(start -> start.launcher() && start.launcherSeconds() != null)
				.forEach(start -> says.add(start.launcherSeconds()));
		out.line("| the launcher's own \"Platform up in\" (s) | " + Statistics.join(says, "%.0f") + " | | |");
		out.line("| RSS of all when routing, median (MB) | " + Statistics.format(Statistics.median(resident(true)), "%.0f") + " | "
				+ Statistics.format(Statistics.median(resident(false)), "%.0f") + " | |");
		out.line();
		Optional<Double> median = ratio.median();
		out.line("Goal: the launcher's start at most " + Console.format("%.1f", GOAL) + " × the stock start's: "
				+ median.map(value -> Console.format("%.2f", value) + (value <= GOAL ? ", met." : ", **not met**.")).orElse("n/a."));
		out.append(Console.warningsSection(warnings));
		return out.toString();
	}

	private int rounds() {
		return (int) starts.stream().mapToInt(Start::round).distinct().count();
	}

	private List<Double> seconds(boolean launcher) {
		return starts.stream().filter(start -> start.launcher() == launcher).map(Start::seconds).toList();
	}

	private List<Double> resident(boolean launcher) {
		return starts.stream().filter(start -> start.launcher() == launcher).map(Start::residentMegabytes).toList();
	}

	private Map<Integer, Double> byRound(boolean launcher) {
		Map<Integer, Double> values = new TreeMap<>();
		starts.stream().filter(start -> start.launcher() == launcher).forEach(start -> values.put(start.round(), start.seconds()));
		return values;
	}

}
