package io.github.cloudkit.bench.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one JVM process uses: CPU time so far, resident memory, live heap after a full GC. */
final class ProcessReadings {

	private static final Pattern USED_KB = Pattern.compile("used (\\d+)K");

	private final long pid;

	ProcessReadings(long pid) {
		this.pid = pid;
	}

	long cpuMillis() {
		return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
				.map(java.time.Duration::toMillis).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
	}

	long residentMegabytes() {
		try {
			return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(line -> line.startsWith("VmRSS:"))
					.mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0) / 1024;
		}
		catch (IOException ex) {
			throw new IllegalStateException("process " + pid + " is gone", ex);
		}
	}

	/** Runs a full GC (jcmd GC.run), then sums what the heap's generations use (jcmd GC.heap_info). */
	long heapAfterGcMegabytes() {
		jcmd("GC.run");
		return heapUsedKilobytes(jcmd("GC.heap_info")) / 1024;
	}

	/** The heap's generations' "used NK", without Metaspace (which GC.heap_info lists too). */
	static long heapUsedKilobytes(String heapInfo) {
		long used = 0;
		for (String line : heapInfo.split("\n")) {
			if (line.contains("Metaspace") || line.contains("class space")) {
				continue;
			}
			Matcher matcher = USED_KB.matcher(line);
			if (matcher.find()) {
				used += Long.parseLong(matcher.group(1));
			}
		}
		return used;
	}

	private String jcmd(String command) {
		try {
			Process process = new ProcessBuilder(List.of("jcmd", Long.toString(pid), command)).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("jcmd not found: it comes with the JDK", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
