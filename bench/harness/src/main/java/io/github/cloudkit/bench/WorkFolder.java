package io.github.cloudkit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.cloudkit.testsupport.Processes;

/**
 * The run's temporary folder: the platform's state folder, logs, wrk outputs, the data, nginx's files and a
 * Git repository with a copy of config-repo/. What is needed to look into a run is copied to bench/last-run/.
 */
final class WorkFolder {

	final Path root;
	final Path state;
	final Path wrk;
	final Path logs;
	final Path data;
	/** The fixed-rate latency runs, one line each. */
	final Path fixedRate;
	final Path nginx;
	final Path configRepo;
	final Path registryScale;
	/** The soak's soak.md, soak.tsv and soak.png. */
	final Path soak;
	final Path results;
	/** The profiled gateway's Flight Recorder file (GatewayProfile). */
	final Path gatewayRecording;

	private WorkFolder(Path root) {
		this.root = root;
		this.state = root.resolve("state");
		this.wrk = root.resolve("wrk");
		this.logs = root.resolve("logs");
		this.data = root.resolve("data.tsv");
		this.fixedRate = root.resolve("fixed-rate.tsv");
		this.nginx = root.resolve("nginx");
		this.configRepo = root.resolve("config-repo");
		this.registryScale = root.resolve("registry-scale");
		this.soak = root.resolve("soak");
		this.results = root.resolve("results.md");
		this.gatewayRecording = root.resolve("gateway.jfr");
	}

	static WorkFolder create() {
		String temporary = System.getenv().getOrDefault("TMPDIR", "/tmp");
		try {
			WorkFolder work = new WorkFolder(Files.createTempDirectory(Path.of(temporary), "kit-bench."));
			for (Path folder : List.of(work.state, work.wrk, work.logs)) {
				Files.createDirectories(folder);
			}
			Files.writeString(work.data, "");
			return work;
		}
		catch (IOException ex) {
			throw new BenchFailure("cannot create a work folder in " + temporary, ex);
		}
	}

	/**
	 * A Git repository with a copy of config-repo/ at its root (the working tree, so uncommitted tuning is
	 * measured), plus the profiles of the extra gateways. A probability, when set, takes precedence over the
	 * rate in Sleuth 2.2, so a profile can switch the rate-limited default to a fixed probability.
	 */
	void makeConfigRepo(Path kitRoot) {
		try {
			Files.createDirectories(configRepo);
			try (Stream<Path> files = Files.list(kitRoot.resolve("config-repo"))) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					Files.copy(file, configRepo.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
			Files.writeString(configRepo.resolve("edge-gateway-bench-sampling-off.yml"),
					"# bench/run: a gateway that samples nothing (tracing stays on: ids in logs and headers, nothing reported).\n"
							+ "spring.sleuth.sampler.probability: 0.0\n");
			Files.writeString(configRepo.resolve("edge-gateway-bench-sampling-all.yml"),
					"# bench/run: a gateway that samples and reports every request to Zipkin.\n"
							+ "spring.sleuth.sampler.probability: 1.0\n");
		}
		catch (IOException ex) {
			throw new BenchFailure("could not create the temporary config repository", ex);
		}
		for (List<String> arguments : List.of(List.of("init", "-q"), List.of("symbolic-ref", "HEAD", "refs/heads/main"),
				List.of("add", "-A"), List.of("commit", "-qm", "config-repo/ for bench/run"))) {
			Processes.Result result = git(arguments);
			if (!result.succeeded()) {
				throw new BenchFailure("could not create the temporary config repository: " + result.output().strip());
			}
		}
	}

	/**
	 * Writes a file of the temporary config repository and commits it, as a user does ({@code git commit -am}):
	 * returns when git has finished, that is when the branch names the new commit.
	 */
	void commitConfigFile(String file, String content, String message) {
		try {
			Files.writeString(configRepo.resolve(file), content);
		}
		catch (IOException ex) {
			throw new BenchFailure("could not write " + configRepo.resolve(file), ex);
		}
		Processes.Result result = git(List.of("commit", "-qam", message));
		if (!result.succeeded()) {
			throw new BenchFailure("git commit in " + configRepo + " failed: " + result.output().strip());
		}
	}

	/** git in the temporary config repository, as the harness's own user (whatever the machine's Git config says). */
	private Processes.Result git(List<String> arguments) {
		List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=bench", "-c",
				"user.email=bench@localhost", "-c", "commit.gpgsign=false"));
		command.addAll(arguments);
		return Processes.run(command, configRepo, Map.of(), Duration.ofSeconds(30));
	}

	/** Keeps the wrk outputs, service logs, data, nginx configuration, registry-scale and soak files in bench/last-run/. */
	void copyToLastRun(Path lastRun) throws IOException {
		deleteTree(lastRun);
		Files.createDirectories(lastRun);
		copyTree(wrk, lastRun.resolve("wrk"));
		copyTree(logs, lastRun.resolve("logs"));
		Files.createDirectories(lastRun.resolve("logs"));
		if (Files.isDirectory(state)) {
			try (Stream<Path> files = Files.list(state)) {
				// A service's log and what it printed outside it (the launcher's NAME.out); not the rolled, gzipped logs.
				for (Path log : files.filter(file -> file.toString().matches(".*\\.(log|out)")).toList()) {
					Files.copy(log, lastRun.resolve("logs").resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		copyIfThere(data, lastRun.resolve("data.tsv"));
		copyIfThere(fixedRate, lastRun.resolve("fixed-rate.tsv"));
		copyIfThere(nginx.resolve("nginx.conf"), lastRun.resolve("nginx.conf"));
		copyTree(registryScale, lastRun.resolve("registry-scale"));
		copyTree(soak, lastRun.resolve("soak"));
		copyIfThere(results, lastRun.resolve("results.md"));
		copyIfThere(gatewayRecording, lastRun.resolve("gateway.jfr"));
	}

	void delete() {
		try {
			deleteTree(root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void copyIfThere(Path from, Path to) throws IOException {
		if (Files.isRegularFile(from)) {
			Files.createDirectories(to.getParent());
			Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		if (!Files.isDirectory(from)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else if (Files.isRegularFile(path)) {
					Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
