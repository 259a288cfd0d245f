package io.github.cloudkit.bench;

/**
 * One path loaded at a fixed rate for a while: how many requests were due and how many failed, the latency
 * percentiles (from each request's intended send time, so a stall counts against every request it held up), and
 * what the generator itself spent per request, which shares the cores with what it measures.
 */
record FixedRateRun(int share, int rate, String label, int round, int sent, int failed, double p50Millis,
		double p99Millis, double p999Millis, double generatorCpuMillis) {

	/** Exact percentile {@code p} (0 < p ≤ 1) of sorted latencies in microseconds, in milliseconds; 0 when empty. */
	static double percentileMillis(long[] sortedMicros, double p) {
		if (sortedMicros.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p * sortedMicros.length) - 1;
		return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1000.0;
	}

	/** The line of bench/last-run/fixed-rate.tsv. */
	String tsv() {
		return String.join("\t", Integer.toString(share), Integer.toString(rate), label, Integer.toString(round),
				Integer.toString(sent), Integer.toString(failed), Console.format("%.3f", p50Millis),
				Console.format("%.3f", p99Millis), Console.format("%.3f", p999Millis),
				Console.format("%.4f", generatorCpuMillis));
	}

}
