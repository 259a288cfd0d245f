package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.cloudkit.testsupport.ProcessReadings;

/**
 * Latency at a fixed request rate, below saturation: FixedRateLoad (every request timed from its intended send time,
 * which corrects for coordinated omission, every latency kept for exact percentiles). wrk measures a closed loop: a
 * slow answer delays the next request of its connection, so the wait it caused is never seen. Each run follows a
 * short lead-in at the same rate whose figures are dropped.
 */
final class FixedRateMeasurer {

	private static final Duration LEAD_IN = Duration.ofSeconds(2);

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

	FixedRateRun measure(int share, int rate, String label, String url, int round) throws IOException, InterruptedException {
		FixedRateLoad.run(url, rate, LEAD_IN);
		ProcessReadings self = new ProcessReadings(ProcessHandle.current().pid());
		long ticks0 = self.cpuTicks();
		FixedRateLoad.Result result = FixedRateLoad.run(url, rate, Duration.ofSeconds(seconds));
		long ticks = self.cpuTicks() - ticks0;
		long[] latencies = result.latencyMicros();
		int failed = result.failed();
		FixedRateRun run = new FixedRateRun(share, rate, label, round, result.due(), failed,
				FixedRateRun.percentileMillis(latencies, 0.50), FixedRateRun.percentileMillis(latencies, 0.99),
				FixedRateRun.percentileMillis(latencies, 0.999),
				result.due() == 0 ? 0 : ticks * 1000.0 / ProcessReadings.CLOCK_TICKS / result.due());
		runs.add(run);
		if (Files.notExists(data)) {
			Files.writeString(data, "share\trate\tpath\tround\tsent\tfailed\tp50_ms\tp99_ms\tp99.9_ms\tgenerator_cpu_ms\n");
		}
		Files.writeString(data, run.tsv() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		String failures = Console.format("%d of %d failed, %d of them not sent in time", failed, result.due(), result.unsent());
		Console.say(Console.format("rate %2d %%  %-9s round %d: %5d req/s  p50 %7.2f ms  p99 %8.2f ms  p99.9 %8.2f ms%s",
				share, label, round, rate, run.p50Millis(), run.p99Millis(), run.p999Millis(),
				failed == 0 ? "" : "  (" + failures + ")"));
		if (failed > 0) {
			Console.warn(Console.format("fixed rate %d %% (%d req/s), %s round %d: %s", share, rate, label, round, failures));
		}
		return run;
	}

}
