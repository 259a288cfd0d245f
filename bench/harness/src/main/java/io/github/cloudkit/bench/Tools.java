package io.github.cloudkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.cloudkit.testsupport.Processes;

/**
 * The tools the harness needs beside Java: wrk, nginx and a font (the registry-scale plot is drawn by Java's
 * 2D graphics). It never installs them: bench/install-tools does, as a documented step CI runs too.
 */
final class Tools {

	final String nginx;

	private Tools(String nginx) {
		this.nginx = nginx;
	}

	/**
	 * {@code load}: the throughput and registry-scale modes' tools too (wrk, nginx, a font); {@code plot}: a font (the
	 * soak draws a plot but needs neither wrk nor nginx); the bus mode needs only git.
	 */
	static Tools check(boolean load, boolean plot) {
		List<String> missing = new ArrayList<>();
		String nginx = null;
		if (load) {
			if (onPath("wrk") == null) {
				missing.add("wrk");
			}
			nginx = onPath("nginx");
			if (nginx == null && Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
				nginx = "/usr/sbin/nginx";
			}
			if (nginx == null) {
				missing.add("nginx");
			}
		}
		if (load || plot) {
			Processes.Result fonts = Processes.run(List.of("fc-list"), Path.of("/"), Map.of(), Duration.ofSeconds(30));
			if (!fonts.succeeded() || fonts.output().isBlank()) {
				missing.add("a font (fontconfig, fonts-dejavu-core)");
			}
		}
		if (onPath("git") == null) {
			missing.add("git");
		}
		if (!missing.isEmpty()) {
			throw new BenchFailure("missing " + String.join(", ", missing) + ": run sudo bench/install-tools");
		}
		return new Tools(nginx);
	}

	static String wrkVersion() {
		String first = Processes.run(List.of("wrk", "-v"), Path.of("/"), Map.of(), Duration.ofSeconds(10)).firstLine();
		String[] words = first.split("\\s+");
		return words.length > 1 ? words[1] : first;
	}

	private static String onPath(String command) {
		for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(folder.isEmpty() ? "." : folder, command);
			if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

}
