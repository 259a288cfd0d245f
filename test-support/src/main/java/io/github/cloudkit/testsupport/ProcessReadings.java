package io.github.cloudkit.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one process uses, read from /proc (Linux): CPU ticks, the JIT compiler threads' ticks, resident memory,
 * its command line, environment and working directory; and, for a JVM, live heap after a full GC (jcmd).
 */
public final class ProcessReadings {

	private static final Pattern USED_KB = Pattern.compile("used (\\d+)K");

	/** Clock ticks per second of /proc's CPU times: sysconf(_SC_CLK_TCK), 100 on every common Linux. */
	public static final long CLOCK_TICKS = clockTicks();

	private final long pid;

	public ProcessReadings(long pid) {
		this.pid = pid;
	}

	public long pid() {
		return pid;
	}

	public boolean alive() {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	public long cpuMillis() {
		return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
				.map(java.time.Duration::toMillis).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
	}

	/** User + system CPU ticks of the whole process (threads that exited included), 0 when it is gone. */
	public long cpuTicks() {
		return statFields(Path.of("/proc/" + pid + "/stat")).map(ProcessReadings::userAndSystemTicks).orElse(0L);
	}

	/** CPU ticks of each JIT compiler thread (C1/C2 CompilerThreadN) by thread id. */
	public Map<Long, Long> compilerThreadTicks() {
		Map<Long, Long> ticks = new HashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				String name = readQuietly(task.resolve("comm")).orElse("").strip();
				if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
					continue;
				}
				statFields(task.resolve("stat")).ifPresent(
						fields -> ticks.put(Long.parseLong(task.getFileName().toString()), userAndSystemTicks(fields)));
			}
		}
		catch (IOException ex) {
			// Gone: no compiler threads to count.
		}
		return ticks;
	}

	/** Ticks the compiler threads used between two snapshots; threads that appeared count from zero. */
	public static long compilerTicksBetween(Map<Long, Long> before, Map<Long, Long> after) {
		long used = 0;
		for (Map.Entry<Long, Long> thread : after.entrySet()) {
			long delta = thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
			used += Math.max(0, delta);
		}
		return used;
	}

	/** Seconds since the epoch at which the process started (boot time plus its start time in ticks). */
	public Optional<Double> startedAtEpochSeconds() {
		Optional<String[]> fields = statFields(Path.of("/proc/" + pid + "/stat"));
		Optional<Long> bootTime = readQuietly(Path.of("/proc/stat")).flatMap(stat -> stat.lines()
				.filter(line -> line.startsWith("btime ")).map(line -> Long.parseLong(line.substring(6).strip())).findFirst());
		if (fields.isEmpty() || bootTime.isEmpty()) {
			return Optional.empty();
		}
		// After the command name: index 0 is field 3 (state), so field 22 (starttime) is index 19.
		return Optional.of(bootTime.get() + Long.parseLong(fields.get()[19]) / (double) CLOCK_TICKS);
	}

	/** VmRSS in MB, empty when the process is gone. */
	public Optional<Long> residentMegabytesIfAlive() {
		return statusNumber("VmRSS:").map(kilobytes -> Math.round(kilobytes / 1024.0));
	}

	/** VmHWM (peak RSS) in MB, empty when the process is gone. */
	public Optional<Long> peakResidentMegabytes() {
		return statusNumber("VmHWM:").map(kilobytes -> Math.round(kilobytes / 1024.0));
	}

	/** VmRSS in kB, empty when the process is gone: finer than MB, for a trend over time. */
	public Optional<Long> residentKilobytes() {
		return statusNumber("VmRSS:");
	}

	/** Live threads (Threads: of /proc/PID/status), empty when the process is gone. */
	public Optional<Long> threads() {
		return statusNumber("Threads:");
	}

	/** Open file descriptors (the entries of /proc/PID/fd), empty when the process is gone or not ours to read. */
	public Optional<Long> openFileDescriptors() {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/" + pid + "/fd"))) {
			return Optional.of(descriptors.count());
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			return Optional.empty();
		}
	}

	public long residentMegabytes() {
		return statusNumber("VmRSS:").orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"))
				/ 1024;
	}

	/** The command line, one element per argument; empty when the process is gone. */
	public List<String> commandLine() {
		return nulSeparated(Path.of("/proc/" + pid + "/cmdline"));
	}

	/** The environment it was started with, in order. */
	public Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		for (String entry : nulSeparated(Path.of("/proc/" + pid + "/environ"))) {
			int equals = entry.indexOf('=');
			if (equals > 0) {
				environment.put(entry.substring(0, equals), entry.substring(equals + 1));
			}
		}
		return environment;
	}

	public Optional<Path> workingDirectory() {
		try {
			return Optional.of(Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** The executable's path (a launcher's PID runs a shell until it has exec'd java). */
	public Optional<Path> executable() {
		try {
			return Optional.of(Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** PIDs of its direct children (nginx's workers, for example). */
	public List<Long> children() {
		List<Long> children = new ArrayList<>();
		readQuietly(Path.of("/proc/" + pid + "/task/" + pid + "/children")).ifPresent(text -> Arrays
				.stream(text.strip().split("\\s+")).filter(word -> !word.isEmpty()).forEach(word -> children.add(Long.parseLong(word))));
		return children;
	}

	/** Runs a full GC (jcmd GC.run), then sums what the heap's generations use (jcmd GC.heap_info). */
	public long heapAfterGcMegabytes() {
		jcmd("GC.run");
		return heapUsedKilobytes(jcmd("GC.heap_info")) / 1024;
	}

	/** The heap's generations' "used NK", without Metaspace (which GC.heap_info lists too). */
	public static long heapUsedKilobytes(String heapInfo) {
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

	/** The fields of a /proc stat line after "(command name) ": the name may itself hold spaces and parentheses. */
	static Optional<String[]> statFields(Path stat) {
		return readQuietly(stat).map(line -> line.substring(line.lastIndexOf(") ") + 2).strip().split(" "));
	}

	/** utime (field 14) + stime (field 15); index 0 of the fields after the name is field 3. */
	static long userAndSystemTicks(String[] fields) {
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/** The number on a /proc/PID/status line (kB for the Vm lines, a count for Threads:). */
	private Optional<Long> statusNumber(String key) {
		return readQuietly(Path.of("/proc/" + pid + "/status")).flatMap(status -> status.lines()
				.filter(line -> line.startsWith(key)).map(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst());
	}

	private static List<String> nulSeparated(Path file) {
		try {
			String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
			List<String> parts = new ArrayList<>(Arrays.asList(text.split("\0")));
			parts.removeIf(String::isEmpty);
			return parts;
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static Optional<String> readQuietly(Path file) {
		try {
			return Optional.of(Files.readString(file));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			return getconf.waitFor() == 0 && output.matches("\\d+") ? Long.parseLong(output) : 100;
		}
		catch (IOException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
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
