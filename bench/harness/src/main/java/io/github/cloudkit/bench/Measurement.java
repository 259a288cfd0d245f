package io.github.cloudkit.bench;

import java.util.function.Function;

/**
 * One measured wrk run: where (phase, label, round), wrk's figures, and the CPU per request (ms) of the proxy,
 * the backend(s) and Zipkin from /proc. The proxy's CPU and the spans per second may be absent (direct runs have
 * no proxy; Zipkin may not answer).
 */
record Measurement(String phase, String label, int round, double requestsPerSecond, double p50Millis,
		double p99Millis, long requests, long non2xx, long socketErrors, Double proxyCpuMillis, double sampleCpuMillis,
		double zipkinCpuMillis, Double spansPerSecond, double totalCpuMillis) {

	/** The figures the tables summarize; absent values (null) are left out of medians. */
	enum Metric {
		REQUESTS_PER_SECOND(Measurement::requestsPerSecond), P50(Measurement::p50Millis), P99(Measurement::p99Millis),
		PROXY_CPU(Measurement::proxyCpuMillis), SAMPLE_CPU(Measurement::sampleCpuMillis),
		SPANS_PER_SECOND(Measurement::spansPerSecond), TOTAL_CPU(Measurement::totalCpuMillis);

		private final Function<Measurement, Double> reading;

		Metric(Function<Measurement, Double> reading) {
			this.reading = reading;
		}

		Double of(Measurement measurement) {
			return reading.apply(measurement);
		}
	}

	/** The line of bench/last-run/data.tsv, columns as the shell harness wrote them. */
	String tsv() {
		return String.join("\t", phase, label, Integer.toString(round), Console.format("%.1f", requestsPerSecond),
				Console.format("%.2f", p50Millis), Console.format("%.2f", p99Millis), Long.toString(requests),
				Long.toString(non2xx), Long.toString(socketErrors),
				proxyCpuMillis == null ? "-" : Console.format("%.3f", proxyCpuMillis), Console.format("%.3f", sampleCpuMillis),
				Console.format("%.3f", zipkinCpuMillis), spansPerSecond == null ? "n/a" : Console.format("%.0f", spansPerSecond),
				Console.format("%.3f", totalCpuMillis));
	}

}
