package io.github.cloudkit.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.cloudkit.testsupport.ProcessReadings;
import io.github.cloudkit.testsupport.Processes;

/**
 * Where the warm gateway's CPU goes: one more wrk run through it (not counted in any table) under Java Flight
 * Recorder with the JDK's {@code profile} settings, summarised by bench/jfr-summary. The recording stays in
 * bench/last-run/gateway.jfr; bench/jfr-gateway.md compares two such recordings, before and after a change.
 */
final class GatewayProfile {

	private static final String RECORDING = "bench";

	private GatewayProfile() {
	}

	/** The summary's Markdown tables; the recording is left in the work folder. */
	static String record(Path kitRoot, Wrk wrk, WorkFolder work, long pid, String url, int seconds) {
		String jcmd = jcmdOf(pid);
		jcmd(jcmd, pid, "JFR.start", "name=" + RECORDING, "settings=profile", "filename=" + work.gatewayRecording);
		try {
			wrk.measure(work.wrk.resolve("jfr-gateway.txt"), seconds, url, "the profiled gateway");
		}
		finally {
			jcmd(jcmd, pid, "JFR.stop", "name=" + RECORDING);
		}
		// From the work folder, so that the summary names the recording, not a temporary path.
		Processes.Result summary = Processes.run(List.of("python3", kitRoot.resolve("bench/jfr-summary").toString(),
				work.gatewayRecording.getFileName().toString(), "15"), work.gatewayRecording.getParent(), Map.of(),
				Duration.ofMinutes(5));
		if (!summary.succeeded()) {
			throw new BenchFailure("bench/jfr-summary failed: " + summary.output().strip());
		}
		return summary.output();
	}

	/** The jcmd beside the gateway's own java, so it speaks to a JVM of its own version. */
	private static String jcmdOf(long pid) {
		return Path.of(JvmCommandLine.java(new ProcessReadings(pid).commandLine())).resolveSibling("jcmd").toString();
	}

	private static void jcmd(String jcmd, long pid, String... arguments) {
		List<String> command = new ArrayList<>(List.of(jcmd, Long.toString(pid)));
		command.addAll(List.of(arguments));
		Processes.Result result = Processes.run(command, Path.of("."), Map.of(), Duration.ofSeconds(30));
		// jcmd exits 0 when the JVM refused the command; its answer says so.
		if (!result.succeeded() || result.output().contains("Could not")) {
			throw new BenchFailure("jcmd " + String.join(" ", arguments) + " failed: " + result.output().strip());
		}
	}
}
