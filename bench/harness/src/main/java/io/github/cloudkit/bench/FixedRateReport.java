package io.github.cloudkit.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import io.github.cloudkit.bench.Statistics.Paired;
import io.github.cloudkit.bench.Statistics.Pairing;

/**
 * The fixed-rate section of bench/results.md: every path's latency at each load, what each proxy adds over the
 * direct path (per round, then the median), and the direct path's own spread over rounds as the noise floor.
 */
final class FixedRateReport {

	/** The paths in the order of the tables, with what the tables call them. */
	static final Map<String, String> PATHS = orderedPaths();

	/** The load at which the latency goals are judged. */
	static final int GOAL_SHARE = 50;

	private final RunFacts facts;
	private final Markdown out = new Markdown();

	private FixedRateReport(RunFacts facts) {
		this.facts = facts;
	}

	static String markdown(RunFacts facts) {
		return new FixedRateReport(facts).write();
	}

	/** The median over rounds of what {@code label} adds over direct at {@code share}, by {@code metric}. */
	static Paired added(List<FixedRateRun> runs, int share, String label, ToDoubleFunction<FixedRateRun> metric) {
		return Statistics.paired(byRound(runs, share, label, metric), byRound(runs, share, "direct", metric),
				Pairing.DIFFERENCE);
	}

	private String write() {
		List<FixedRateRun> runs = facts.fixedRate;
		out.line("## Latency at a fixed rate, below saturation");
		out.line();
		out.line("Each path at " + String.join(", ", shares().stream().map(share -> share + " %").toList())
				+ " of nginx's saturated throughput above (" + Console.format("%.0f", facts.nginxSaturated) + " req/s), "
				+ facts.fixedRateSeconds + " s per run after a 2 s lead-in at the same rate, the paths alternating in");
		out.line("rotating order. Every request has an intended send time and its latency counts from that time, waiting for");
		out.line("one of " + FixedRateLoad.CONNECTIONS + " keep-alive connections included (the harness's `FixedRateLoad`, as wrk2 does; every");
		out.line("latency kept, so the percentiles are exact): a stall counts against every request it held up, which wrk's");
		out.line("closed loop hides (coordinated omission). The generator runs in the harness's JVM on the same two cores; its");
		out.line("CPU per request is shown. A path that cannot keep up at a rate shows latencies of seconds, and failed");
		out.line("requests: those still unsent a second after the run's end.");
		out.line();
		out.line("| Load | req/s | Path | p50 ms | p99 ms | p99.9 ms | failed | generator CPU ms/req | p99 per round |");
		out.line("|---|---:|---|---:|---:|---:|---:|---:|---|");
		for (int share : shares()) {
			for (Map.Entry<String, String> path : PATHS.entrySet()) {
				List<FixedRateRun> of = of(runs, share, path.getKey());
				if (of.isEmpty()) {
					continue;
				}
				out.line("| " + share + " % | " + of.get(0).rate() + " | " + path.getValue() + " | "
						+ median(of, FixedRateRun::p50Millis, "%.2f") + " | " + median(of, FixedRateRun::p99Millis, "%.2f")
						+ " | " + median(of, FixedRateRun::p999Millis, "%.2f") + " | "
						+ of.stream().mapToInt(FixedRateRun::failed).sum() + " of " + of.stream().mapToInt(FixedRateRun::sent).sum()
						+ " | " + median(of, FixedRateRun::generatorCpuMillis, "%.3f") + " | "
						+ String.join(", ", of.stream().map(run -> Console.format("%.2f", run.p99Millis())).toList()) + " |");
			}
		}
		out.line();
		out.line("| Added over direct | load | p50 ms | p99 ms | p99.9 ms | p99 added per round | direct p99 spread (noise floor) |");
		out.line("|---|---|---:|---:|---:|---|---:|");
		for (Map.Entry<String, String> path : PATHS.entrySet()) {
			if (path.getKey().equals("direct")) {
				continue;
			}
			for (int share : shares()) {
				if (of(runs, share, path.getKey()).isEmpty()) {
					continue;
				}
				Paired p99 = added(runs, share, path.getKey(), FixedRateRun::p99Millis);
				out.line("| " + path.getValue() + " | " + share + " % | "
						+ Statistics.format(added(runs, share, path.getKey(), FixedRateRun::p50Millis).median(), "%+.2f") + " | **"
						+ Statistics.format(p99.median(), "%+.2f") + "** | "
						+ Statistics.format(added(runs, share, path.getKey(), FixedRateRun::p999Millis).median(), "%+.2f") + " | "
						+ Statistics.join(p99.perRound(), "%+.2f") + " | " + Statistics.format(spread(runs, share), "%.2f") + " |");
			}
		}
		out.line();
		out.line("The noise floor is the direct path's own p99, highest round minus lowest, at the same load: an added figure");
		out.line("within it is not told apart from no cost at all.");
		out.line();
		gatewayAgainstScg(runs);
		return out.toString();
	}

	/**
	 * The two gateways side by side at each load: what each adds to p99, and their difference within each round. A
	 * gateway that did not keep up at a load (requests failed) is named, since its figures are then queueing.
	 */
	private void gatewayAgainstScg(List<FixedRateRun> runs) {
		List<Integer> both = shares().stream()
				.filter(share -> !of(runs, share, "gateway").isEmpty() && !of(runs, share, "scg").isEmpty()).toList();
		if (both.isEmpty()) {
			return;
		}
		out.line("| Edge gateway against Spring Cloud Gateway | req/s | p99 added, edge gateway | p99 added, Spring Cloud Gateway | p99 edge gateway − Spring Cloud Gateway | per round | kept up |");
		out.line("|---|---:|---:|---:|---:|---|---|");
		for (int share : both) {
			Paired difference = Statistics.paired(byRound(runs, share, "gateway", FixedRateRun::p99Millis),
					byRound(runs, share, "scg", FixedRateRun::p99Millis), Pairing.DIFFERENCE);
			out.line("| " + share + " % | " + of(runs, share, "gateway").get(0).rate() + " | "
					+ Statistics.format(added(runs, share, "gateway", FixedRateRun::p99Millis).median(), "%+.2f") + " | "
					+ Statistics.format(added(runs, share, "scg", FixedRateRun::p99Millis).median(), "%+.2f") + " | **"
					+ Statistics.format(difference.median(), "%+.2f") + "** | " + Statistics.join(difference.perRound(), "%+.2f")
					+ " | " + keptUp(runs, share) + " |");
		}
		out.line();
	}

	private static String keptUp(List<FixedRateRun> runs, int share) {
		List<String> behind = PATHS.entrySet().stream()
				.filter(path -> path.getKey().equals("gateway") || path.getKey().equals("scg"))
				.filter(path -> of(runs, share, path.getKey()).stream().anyMatch(run -> run.failed() > 0))
				.map(Map.Entry::getValue).toList();
		return behind.isEmpty() ? "both" : "not " + String.join(", not ", behind);
	}

	/** The direct path's p99 over rounds, highest minus lowest. */
	static Optional<Double> spread(List<FixedRateRun> runs, int share) {
		List<Double> p99 = of(runs, share, "direct").stream().map(FixedRateRun::p99Millis).toList();
		return p99.isEmpty() ? Optional.empty() : Optional.of(Statistics.max(p99).get() - Statistics.min(p99).get());
	}

	private List<Integer> shares() {
		return facts.fixedRate.stream().map(FixedRateRun::share).distinct().sorted().toList();
	}

	private static List<FixedRateRun> of(List<FixedRateRun> runs, int share, String label) {
		return runs.stream().filter(run -> run.share() == share && run.label().equals(label)).toList();
	}

	private static Map<Integer, Double> byRound(List<FixedRateRun> runs, int share, String label,
			ToDoubleFunction<FixedRateRun> metric) {
		Map<Integer, Double> values = new TreeMap<>();
		of(runs, share, label).forEach(run -> values.put(run.round(), metric.applyAsDouble(run)));
		return values;
	}

	private static String median(List<FixedRateRun> runs, ToDoubleFunction<FixedRateRun> metric, String format) {
		return Statistics.format(Statistics.median(runs.stream().map(metric::applyAsDouble).toList()), format);
	}

	private static Map<String, String> orderedPaths() {
		Map<String, String> paths = new java.util.LinkedHashMap<>();
		paths.put("direct", "sample-service directly");
		paths.put("nginx", "nginx");
		paths.put("gateway", "edge gateway");
		paths.put("scg", "Spring Cloud Gateway");
		return java.util.Collections.unmodifiableMap(paths);
	}

}
