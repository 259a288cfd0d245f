package io.github.cloudkit.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.cloudkit.testsupport.Processes;

/** The machine and software a run measured on, for the report's first table and the registry-scale label. */
record Machine(String cores, String cpuModel, String memoryGigabytes, String loadAtStart, String javaVersion,
		String kitCommit) {

	static Machine describe(Path kitRoot) {
		String cpuinfo = Platform.read(Path.of("/proc/cpuinfo"));
		String model = cpuinfo.lines().filter(line -> line.startsWith("model name")).findFirst()
				.map(line -> line.substring(line.indexOf(": ") + 2)).orElse("");
		long memoryKilobytes = Platform.read(Path.of("/proc/meminfo")).lines().filter(line -> line.startsWith("MemTotal:"))
				.findFirst().map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(0L);
		String[] load = Platform.read(Path.of("/proc/loadavg")).strip().split(" ");
		String loadAtStart = load.length >= 3 ? String.join(" ", load[0], load[1], load[2]) : "";
		String cores = run(List.of("nproc"), kitRoot).strip();
		// The java the launcher finds on PATH, which runs the services (not necessarily this JVM).
		String java = String.join(" ", run(List.of("java", "-version"), kitRoot).lines().limit(2).toList()).strip();
		return new Machine(cores, model, Console.format("%.0f", memoryKilobytes / 1048576.0), loadAtStart, java,
				kitCommit(kitRoot));
	}

	/** The rows of a report's settings table (| Setting | Value |) that say what the run measured on. */
	List<String> settingRows() {
		return List.of("| Machine | " + cores + " cores (" + cpuModel + "), " + memoryGigabytes + " GB RAM; load average at start "
				+ loadAtStart + " |", "| Java | " + javaVersion + " |");
	}

	private static String kitCommit(Path kitRoot) {
		Processes.Result head = Processes.run(List.of("git", "rev-parse", "--short", "HEAD"), kitRoot, Map.of(),
				Duration.ofSeconds(30));
		if (!head.succeeded()) {
			return "not a Git checkout";
		}
		String commit = head.output().strip();
		Processes.Result status = Processes.run(List.of("git", "status", "--porcelain", "--", ".", ":!bench"), kitRoot,
				Map.of(), Duration.ofSeconds(60));
		return status.succeeded() && !status.output().isBlank() ? commit + " with uncommitted changes" : commit;
	}

	private static String run(List<String> command, Path directory) {
		return Processes.run(command, directory, Map.of(), Duration.ofSeconds(30)).output();
	}

}
