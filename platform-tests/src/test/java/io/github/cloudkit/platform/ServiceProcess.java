package io.github.cloudkit.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.ProcessReadings;
import io.github.cloudkit.testsupport.Processes;

/**
 * One service started as a real operating-system process: a kit service with the launcher's own command line, or a
 * jar written elsewhere with {@code java -jar}.
 */
final class ServiceProcess {

	private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);

	/** Spring Boot's log line once the web server listens (Boot 2.3, Tomcat). */
	private static final Pattern TOMCAT_STARTED = Pattern.compile("Tomcat started on port\\(s\\): (\\d+)");

	private final String name;
	/** 0 until known, for a service that binds a free port itself. */
	private volatile int port;
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
		return launch(name, command, port, environment);
	}

	/**
	 * A jar that is not the kit's, started with {@code java -jar} and these arguments only, on the port it binds
	 * itself ({@code server.port: 0}): {@link #port()} is known once its log says which.
	 */
	static ServiceProcess startJar(String name, Path jar, Map<String, String> environment, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString()));
		command.addAll(arguments);
		return launch(name, command, 0, environment);
	}

	/** Any other program (Prometheus), with this command line; stopped like a service, by its PID. */
	static ServiceProcess startProgram(String name, List<String> command, int port, Map<String, String> environment) {
		return launch(name, command, port, environment);
	}

	private static ServiceProcess launch(String name, List<String> command, int port, Map<String, String> environment) {
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

	/** The port the service listens on; 0 while a service that binds a free port has not bound it yet. */
	int port() {
		if (port == 0) {
			port = boundPort();
		}
		return port;
	}

	private int boundPort() {
		try {
			Matcher started = TOMCAT_STARTED.matcher(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
			return started.find() ? Integer.parseInt(started.group(1)) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
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

	/** The most it has been resident since it started (VmHWM), in MB; empty when it is gone. */
	Optional<Long> peakResidentMegabytes() {
		return new ProcessReadings(process.pid()).peakResidentMegabytes();
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
			if (port() > 0 && Http.isUp(port())) {
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

	/** SIGSTOP: the process is frozen, its sockets still accept connections but nothing answers (a hung peer). */
	void freeze() {
		signal("-STOP");
	}

	/** SIGCONT: a frozen process runs on. */
	void resume() {
		signal("-CONT");
	}

	private void signal(String signal) {
		Processes.Result result = Processes.run(List.of("kill", signal, Long.toString(process.pid())), Kit.root(), Map.of(),
				Duration.ofSeconds(5));
		if (!result.succeeded()) {
			throw new IllegalStateException("kill " + signal + " " + this + " failed: " + result.output());
		}
	}

	/** Whether the log so far holds this text. */
	boolean logContains(String text) {
		try {
			return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(text);
		}
		catch (IOException ex) {
			return false;
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
		return name + " (pid " + process.pid() + ", port " + port() + ")";
	}

}
