package io.github.cloudkit.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cloudkit.testsupport.ProcessReadings;

/**
 * Loads every target in turn, round after round, until no watched JVM's JIT compiler threads used more than
 * a share of a core while it was under load in a round (and a minimum time has passed), or --warmup-max.
 * C1 alone falls under 1 % within two minutes; with C2 the gateways reached their steady throughput after
 * ~8 minutes, then hovered at 1-2.6 % (occasional recompilation): hence 3 %.
 */
final class WarmUp {

	static final double COMPILER_QUIET = 0.03;

	/** A URL to load, and the label its req/s is shown with. */
	record Target(String label, String url) {
	}

	/**
	 * A JVM whose compiler threads are watched, and the share of a round it is under load (a gateway loaded by one
	 * target of six: 0.167), so its compiler CPU is judged over the time it was loaded.
	 */
	record Watched(String name, long pid, double loadedShare) {
		Watched(String name, long pid) {
			this(name, pid, 1);
		}
	}

	private final Wrk wrk;
	private final WorkFolder work;
	private final Options options;

	WarmUp(Wrk wrk, WorkFolder work, Options options) {
		this.wrk = wrk;
		this.work = work;
		this.options = options;
	}

	/** Returns the summary the report shows. */
	String run(List<Target> targets, List<Watched> watched, int minimumSeconds) throws InterruptedException {
		long started = System.nanoTime();
		int round = 0;
		boolean settled = false;
		String report;
		while (true) {
			round++;
			Map<String, Map<Long, Long>> before = new LinkedHashMap<>();
			watched.forEach(jvm -> before.put(jvm.name(), new ProcessReadings(jvm.pid()).compilerThreadTicks()));
			long roundStarted = System.nanoTime();
			List<String> rates = new ArrayList<>();
			for (Target target : targets) {
				String rps = wrk.warm(work.root.resolve("warm-up.txt"), options.warmChunkSeconds(), target.url());
				rates.add(target.label() + " " + rps + " req/s");
			}
			double seconds = Double.parseDouble(Console.format("%.3f", (System.nanoTime() - roundStarted) / 1e9));
			List<String> shares = new ArrayList<>();
			double busiest = 0;
			for (Watched jvm : watched) {
				ProcessReadings readings = new ProcessReadings(jvm.pid());
				if (!readings.alive()) {
					throw new BenchFailure(jvm.name() + " (PID " + jvm.pid() + ") died during the warm-up");
				}
				long ticks = ProcessReadings.compilerTicksBetween(before.get(jvm.name()), readings.compilerThreadTicks());
				double share = Double.parseDouble(
						Console.format("%.3f", ticks / (double) ProcessReadings.CLOCK_TICKS / (seconds * jvm.loadedShare())));
				shares.add(jvm.name() + " " + Console.format("%.1f", share * 100) + "%");
				busiest = Math.max(busiest, share);
			}
			report = String.join(", ", shares);
			long elapsed = elapsedSeconds(started);
			Console.say("warm-up round " + round + " (" + elapsed + " s): " + String.join(", ", rates)
					+ "; JIT compiler CPU (share of a core while loaded): " + report);
			if (busiest <= COMPILER_QUIET && elapsed >= minimumSeconds) {
				settled = true;
				break;
			}
			if (elapsed >= options.warmupMaxSeconds()) {
				break;
			}
		}
		String summary = summary(elapsedSeconds(started), round, options.warmChunkSeconds(), settled, report,
				options.warmupMaxSeconds());
		if (!settled && !options.quick()) {
			Console.warn("the JIT had not settled after the warm-up limit (" + options.warmupMaxSeconds()
					+ " s): figures include compilation");
		}
		Console.say("warm-up: " + summary);
		return summary;
	}

	static String summary(long seconds, int rounds, int chunkSeconds, boolean settled, String lastRound, int warmupMax) {
		String head = seconds + " s (" + rounds + " rounds of " + chunkSeconds + " s per target); ";
		if (settled) {
			return head + "settled: in the last round the JIT compiler threads of every watched JVM used at most "
					+ BigDecimal.valueOf(COMPILER_QUIET).movePointRight(2).stripTrailingZeros().toPlainString()
					+ " % of a core while it was under load (" + lastRound + ")";
		}
		return head + "NOT settled within --warmup-max " + warmupMax + " s: last round " + lastRound;
	}

	private static long elapsedSeconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000_000L;
	}

}
