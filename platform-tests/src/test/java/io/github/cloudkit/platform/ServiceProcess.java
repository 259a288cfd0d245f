package io.github.cloudkit.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.ProcessReadings;
import io.github.cloudkit.testsupport.Processes;

/** One kit service started as a real operating-system process, with the launcher's own command line. */
final class ServiceProcess {

	private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);

	private final String name;
	private final int port;
	private final Path log;
	private final Process process;

	private ServiceProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	static ServiceProcess start(String name, String service, int port, Map<String, String> environment, List<String> arguments) {
		List<String> command = new ArrayList<>(Kit.launchCommand(service));
		command.addAll(arguments);
		Path log = Kit.logDirectory().resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command)
				.directory(Kit.workDirectory().toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
		builder.environment().put("MALLOC_ARENA_MAX", "2");
		builder.environment().putAll(environment);
		try {
			return new ServiceProcess(name, port, log, builder.start());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + name, ex);
		}
	}

	String name() {
		return name;
	}

	int port() {
		return port;
	}

	String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	long pid() {
		return process.pid();
	}

	/** CPU time the process has used so far (user and system, all its threads), in milliseconds. */
	long cpuMillis() {
		return new ProcessReadings(process.pid()).cpuMillis();
	}

	/** Resident memory now, in MB. */
	long residentMegabytes() {
		return new ProcessReadings(process.pid()).residentMegabytes();
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** Waits for {@code /actuator/health} to answer UP; fails with the log's tail if the process dies or times out. */
	ServiceProcess awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
			}
			if (Http.isUp(port)) {
				return this;
			}
			Kit.pause(Duration.ofMillis(500));
		}
		throw new IllegalStateException(name + " was not healthy after " + timeout.toSeconds() + " s:\n" + logTail());
	}

	/** SIGTERM, so the service deregisters and finishes in-flight requests; SIGKILL if it does not exit in time. */
	void stop() {
		Processes.stop(process.pid(), GRACEFUL_STOP);
	}

	/** SIGKILL: a crash, with no deregistration and no graceful shutdown. */
	void kill() {
		try {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log at " + log + ")";
		}
	}

	@Override
	public String toString() {
		return name + " (pid " + process.pid() + ", port " + port + ")";
	}

}
