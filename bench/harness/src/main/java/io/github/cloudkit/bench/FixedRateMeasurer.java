package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.cloudkit.testsupport.LoadGenerator;
import io.github.cloudkit.testsupport.ProcessReadings;

/**
 * Latency at a fixed request rate, below saturation: test-support's LoadGenerator (every request sent at its
 * intended time and timed from it, which corrects for coordinated omission, with every latency kept for exact
 * percentiles). wrk measures a closed loop: a slow answer delays the next request of its connection, so the
 * wait it caused is never seen. Each run follows a short lead-in at the same rate whose figures are dropped.
 */
final class FixedRateMeasurer {

	private static final Duration LEAD_IN = Duration.ofSeconds(2);
	/** Far above what a path below saturation holds; bounds the generator when a path cannot keep up. */
	private static final int MAX_IN_FLIGHT = 512;

	private final Path data;
	private final int seconds;
	private final List<FixedRateRun> runs = new ArrayList<>();

	FixedRateMeasurer(WorkFolder work, int seconds) {
		this.data = work.fixedRate;
		this.seconds = seconds;
	}

	List<FixedRateRun> runs() {
		return List.copyOf(runs);
	}

	FixedRateRun measure(int share, int rate, String label, String url, int round) throws IOException {
		try (LoadGenerator leadIn = LoadGenerator.startBounded(url, rate, LEAD_IN, MAX_IN_FLIGHT)) {
			leadIn.await();
		}
		ProcessReadings self = new ProcessReadings(ProcessHandle.current().pid());
		long ticks0 = self.cpuTicks();
		LoadGenerator.Summary summary;
		long[] latencies;
		try (LoadGenerator load = LoadGenerator.startBounded(url, rate, Duration.ofSeconds(seconds), MAX_IN_FLIGHT)) {
			summary = load.await();
			latencies = load.latencyMicros();
		}
		long ticks = self.cpuTicks() - ticks0;
		int failed = summary.sent() - summary.succeeded();
		FixedRateRun run = new FixedRateRun(share, rate, label, round, summary.sent(), failed,
				FixedRateRun.percentileMillis(latencies, 0.50), FixedRateRun.percentileMillis(latencies, 0.99),
				FixedRateRun.percentileMillis(latencies, 0.999),
				summary.sent() == 0 ? 0 : ticks * 1000.0 / ProcessReadings.CLOCK_TICKS / summary.sent());
		runs.add(run);
		if (Files.notExists(data)) {
			Files.writeString(data, "share\trate\tpath\tround\tsent\tfailed\tp50_ms\tp99_ms\tp99.9_ms\tgenerator_cpu_ms\n");
		}
		Files.writeString(data, run.tsv() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		Console.say(Console.format("rate %2d %%  %-9s round %d: %5d req/s  p50 %7.2f ms  p99 %8.2f ms  p99.9 %8.2f ms%s",
				share, label, round, rate, run.p50Millis(), run.p99Millis(), run.p999Millis(),
				failed == 0 ? "" : Console.format("  (%d of %d failed: %s)", failed, summary.sent(), summary.failed())));
		if (failed > 0) {
			Console.warn(Console.format("fixed rate %d %% (%d req/s), %s round %d: %d of %d requests failed %s", share, rate,
					label, round, failed, summary.sent(), summary.failed()));
		}
		return run;
	}

}
