package io.github.cloudkit.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import io.github.cloudkit.bench.fleet.RegistryScale;

/**
 * bench/run --registry-scale: the platform as a user starts it (two sample instances), the gateway warmed until
 * its JIT settles, then the simulated fleets of {@link RegistryScale}, in this JVM.
 */
final class RegistryScaleMode {

	private final Run run;

	RegistryScaleMode(Run run) {
		this.run = run;
	}

	void measure() throws Exception {
		Options options = run.options;
		Platform platform = run.platform;
		Machine machine = Machine.describe(run.kitRoot);
		run.work.makeConfigRepo(run.kitRoot);
		platform.usePorts(0);
		int discoveryPort = platform.ports().discovery();
		int gatewayPort = platform.ports().gateway();

		Console.say("registry scale: ./platform up (two sample instances, as a user starts it)");
		long started = System.nanoTime();
		Path upLog = run.work.logs.resolve("platform-up-scale.log");
		platform.upInBackground(2, upLog);
		platform.awaitHealthy(platform.instanceNames(2), started, Platform.START_TIMEOUT);
		Platform.awaitRoute(gatewayPort, started, java.time.Duration.ofSeconds(120));
		platform.finishUp(upLog, "--instances 2");
		Console.say("warming the gateway up until its JIT settles (its throughput is measured beside each fleet)");
		String warmUp = new WarmUp(run.wrk, run.work, options).run(
				List.of(new WarmUp.Target("gateway", "http://127.0.0.1:" + gatewayPort + "/hello")),
				List.of(new WarmUp.Watched("gateway", platform.requirePid("edge-gateway-1"))), options.warmMinimumSeconds());

		List<String> arguments = new ArrayList<>(List.of("--registry", "http://127.0.0.1:" + discoveryPort + "/eureka",
				"--user", platform.credential("EUREKA_USER"), "--password", platform.credential("EUREKA_PASSWORD"),
				"--registry-pid", Long.toString(platform.requirePid("discovery-service-1")), "--gateway",
				"http://127.0.0.1:" + gatewayPort, "--wrk-connections", Integer.toString(options.connections()), "--out",
				run.work.registryScale.toString(), "--label", "Kit " + machine.kitCommit() + "; " + machine.cores() + " cores ("
						+ machine.cpuModel() + "), " + machine.javaVersion() + "; gateway warm-up: " + warmUp + "."));
		if (options.quick()) {
			arguments.addAll(List.of("--steps-cloud", "100,300", "--steps-local", "100,300", "--window-cloud", "10",
					"--window-local", "10", "--settle", "5", "--idle", "10", "--wrk-seconds", "3", "--credential-requests",
					"500"));
		}
		simulate(arguments, run.work.logs.resolve("registry-scale.log"));

		for (String file : List.of("registry-scale.md", "registry-scale.tsv", "registry-scale.png")) {
			Path written = run.work.registryScale.resolve(file);
			if (!Files.isRegularFile(written) || Files.size(written) == 0) {
				throw new BenchFailure("the registry-scale measurement wrote no " + file);
			}
		}
		if (options.quick()) {
			Console.say("registry scale (smoke; figures not meaningful): bench/last-run/registry-scale/");
		}
		else {
			for (String file : List.of("registry-scale.md", "registry-scale.tsv", "registry-scale.png")) {
				Files.copy(run.work.registryScale.resolve(file), run.benchDirectory.resolve(file),
						StandardCopyOption.REPLACE_EXISTING);
			}
			Console.say("registry scale: bench/registry-scale.md (table), bench/registry-scale.png (plot)");
		}
	}

	/** Runs the simulation with its output both on the console and in a log, as `| tee` did. */
	private static void simulate(List<String> arguments, Path log) throws Exception {
		PrintStream console = System.out;
		try (OutputStream file = new FileOutputStream(log.toFile());
				PrintStream both = new PrintStream(new Tee(console, file), true, StandardCharsets.UTF_8)) {
			System.setOut(both);
			RegistryScale.run(arguments);
		}
		catch (IllegalArgumentException ex) {
			throw new BenchFailure("the registry-scale measurement refused its settings: " + ex.getMessage());
		}
		finally {
			System.setOut(console);
		}
	}

	/** Writes to two streams. */
	private static final class Tee extends OutputStream {
		private final OutputStream first;
		private final OutputStream second;

		Tee(OutputStream first, OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws IOException {
			first.write(b);
			second.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			first.write(bytes, offset, length);
			second.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			first.flush();
			second.flush();
		}
	}

}
