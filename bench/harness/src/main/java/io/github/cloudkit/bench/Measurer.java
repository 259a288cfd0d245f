package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.cloudkit.testsupport.ProcessReadings;

/**
 * One measured run: wrk --latency, plus the CPU the proxy, the backend(s) and Zipkin used per request (from
 * /proc) and the spans Zipkin received. Every run goes to the data (bench/last-run/data.tsv) and to the
 * statistics the report is made of.
 */
final class Measurer {

	private final Wrk wrk;
	private final WorkFolder work;
	private final int durationSeconds;
	private final long zipkinPid;
	private final Zipkin zipkin;
	private final List<Measurement> measurements = new ArrayList<>();
	private int sequence;

	Measurer(Wrk wrk, WorkFolder work, int durationSeconds, long zipkinPid, Zipkin zipkin) {
		this.wrk = wrk;
		this.work = work;
		this.durationSeconds = durationSeconds;
		this.zipkinPid = zipkinPid;
		this.zipkin = zipkin;
	}

	List<Measurement> measurements() {
		return List.copyOf(measurements);
	}

	Measurement measure(String phase, String label, String url, int round, List<Long> proxyPids, List<Long> samplePids)
			throws InterruptedException, IOException {
		sequence++;
		Path out = work.wrk.resolve(Console.format("%03d-%s-%s-r%d.txt", sequence, phase, label, round));
		// The tracing comparison counts the spans of its own run only: wait until the previous run's have arrived.
		boolean tracing = phase.equals("tracing");
		Optional<Long> spansBefore = tracing ? zipkin.spansSettled() : zipkin.spans();
		long proxy0 = ticks(proxyPids);
		long sample0 = ticks(samplePids);
		long zipkin0 = ticks(List.of(zipkinPid));
		long started = System.nanoTime();
		WrkOutput output = wrk.measure(out, durationSeconds, url, label);
		long proxy1 = ticks(proxyPids);
		long sample1 = ticks(samplePids);
		long zipkin1 = ticks(List.of(zipkinPid));
		double seconds = (System.nanoTime() - started) / 1e9;
		Optional<Long> spansAfter = tracing ? zipkin.spansSettled() : zipkin.spans();

		Measurement measurement = perRequest(phase, label, round, output, proxyPids.isEmpty() ? null : proxy1 - proxy0,
				sample1 - sample0, zipkin1 - zipkin0, spansBefore, spansAfter, seconds);
		measurements.add(measurement);
		Files.writeString(work.data, measurement.tsv() + "\n", StandardOpenOption.APPEND);
		boolean failures = measurement.non2xx() != 0 || measurement.socketErrors() != 0;
		Console.say(Console.format("%-9s %-17s round %d: %8.0f req/s  p50 %7.2f ms  p99 %8.2f ms%s", phase, label, round,
				measurement.requestsPerSecond(), measurement.p50Millis(), measurement.p99Millis(),
				failures ? Console.format("  (non-2xx %d, socket errors %d)", measurement.non2xx(), measurement.socketErrors())
						: ""));
		if (measurement.requests() - measurement.non2xx() <= 0) {
			throw new BenchFailure(label + " answered no request successfully (see " + out + ")");
		}
		if (failures) {
			Console.warn(Console.format("%s %s round %d: %d non-2xx answers and %d socket errors out of %d requests", phase,
					label, round, measurement.non2xx(), measurement.socketErrors(), measurement.requests()));
		}
		return measurement;
	}

	/** CPU ticks become milliseconds per answered request; spans a rate over the run's wall time. */
	static Measurement perRequest(String phase, String label, int round, WrkOutput output, Long proxyTicks,
			long sampleTicks, long zipkinTicks, Optional<Long> spansBefore, Optional<Long> spansAfter, double seconds) {
		double millisPerTick = 1000.0 / ProcessReadings.CLOCK_TICKS;
		double perRequest = output.requests() > 0 ? millisPerTick / output.requests() : 0;
		Double spansPerSecond = spansBefore.isPresent() && spansAfter.isPresent() && seconds > 0
				? (double) Math.round((spansAfter.get() - spansBefore.get()) / seconds)
				: null;
		long proxy = proxyTicks == null ? 0 : proxyTicks;
		return new Measurement(phase, label, round, output.requestsPerSecond(), output.p50Millis(), output.p99Millis(),
				output.requests(), output.non2xx(), output.socketErrors(), proxyTicks == null ? null : proxy * perRequest,
				sampleTicks * perRequest, zipkinTicks * perRequest, spansPerSecond,
				(proxy + sampleTicks + zipkinTicks) * perRequest);
	}

	private static long ticks(List<Long> pids) {
		return pids.stream().mapToLong(pid -> new ProcessReadings(pid).cpuTicks()).sum();
	}

}
