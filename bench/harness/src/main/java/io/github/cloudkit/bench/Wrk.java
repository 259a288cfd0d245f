package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.cloudkit.testsupport.Processes;

/** Runs wrk with the options of the run, its output into a file; at most one at a time. */
final class Wrk {

	private final int threads;
	private final int connections;
	private volatile Process running;

	Wrk(int threads, int connections) {
		this.threads = threads;
		this.connections = connections;
	}

	/** A measured run with --latency; fails the benchmark when wrk fails or prints no figures. */
	WrkOutput measure(Path out, int seconds, String url, String label) {
		String output = run(out, seconds, url, true);
		try {
			return WrkOutput.parse(output);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(output);
			throw new BenchFailure("could not read wrk's output for " + label);
		}
	}

	/** A warm-up run; its req/s for the progress line. */
	String warm(Path out, int seconds, String url) {
		String output = run(out, seconds, url, false);
		return WrkOutput.requestsPerSecondOf(output).map(rps -> Console.format("%.0f", rps)).orElse("");
	}

	/** Stops a running wrk (the harness is being stopped). */
	void stop() {
		Process process = running;
		if (process != null) {
			Processes.stop(process.pid(), Duration.ofSeconds(5));
		}
	}

	private String run(Path out, int seconds, String url, boolean latency) {
		List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s"));
		if (latency) {
			command.add("--latency");
		}
		command.add(url);
		try {
			Files.deleteIfExists(out);
			Process process = Processes.start(command, out.getParent(), java.util.Map.of(), false, out);
			running = process;
			int status = process.waitFor();
			running = null;
			String output = Files.readString(out);
			if (status != 0) {
				System.err.println(output);
				throw new BenchFailure("wrk against " + url + " failed (exit status " + status + ")");
			}
			return output;
		}
		catch (IOException ex) {
			throw new BenchFailure("cannot read wrk's output " + out, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchFailure("interrupted while wrk ran");
		}
	}

}
