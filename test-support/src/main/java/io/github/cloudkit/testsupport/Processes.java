package io.github.cloudkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Starting processes with their output in a log file, and stopping processes by PID only. */
public final class Processes {

	private Processes() {
	}

	/**
	 * Starts a command in a directory with output and errors appended to a log file. The environment is the
	 * given one exactly when {@code replaceEnvironment}, else this JVM's with the given entries changed
	 * (a null value removes the variable).
	 */
	public static Process start(List<String> command, Path directory, Map<String, String> environment,
			boolean replaceEnvironment, Path log) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		Map<String, String> target = builder.environment();
		if (replaceEnvironment) {
			target.clear();
		}
		environment.forEach((name, value) -> {
			if (value == null) {
				target.remove(name);
			}
			else {
				target.put(name, value);
			}
		});
		try {
			Files.createDirectories(log.getParent());
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + command, ex);
		}
	}

	/** Runs a short command to its end and returns its exit status and output (errors included). */
	public static Result run(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		environment.forEach((name, value) -> {
			if (value == null) {
				builder.environment().remove(name);
			}
			else {
				builder.environment().put(name, value);
			}
		});
		Path output = null;
		try {
			// To a file, not a pipe: the timeout holds even for a command that hangs, or whose children keep a pipe open.
			output = Files.createTempFile("command-", ".out");
			builder.redirectOutput(output.toFile());
			Process process = builder.start();
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				stop(process.pid(), Duration.ofSeconds(5));
				return new Result(-1, new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
			}
			return new Result(process.exitValue(), new String(Files.readAllBytes(output), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return new Result(127, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(130, "interrupted");
		}
		finally {
			if (output != null) {
				output.toFile().delete();
			}
		}
	}

	/** Exit status and output of a finished command. */
	public record Result(int exitStatus, String output) {
		public boolean succeeded() {
			return exitStatus == 0;
		}

		public String firstLine() {
			return output.lines().findFirst().orElse("");
		}
	}

	public static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** SIGTERM, then SIGKILL when it has not exited within the grace period. Never by name, always by PID. */
	public static void stop(long pid, Duration grace) {
		stopAll(List.of(pid), grace);
	}

	/** SIGTERM to all at once (they shut down in parallel), then SIGKILL to any still running after the grace. */
	public static void stopAll(Collection<Long> pids, Duration grace) {
		List<ProcessHandle> handles = pids.stream().map(ProcessHandle::of).flatMap(Optional::stream)
				.filter(ProcessHandle::isAlive).toList();
		handles.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + grace.toNanos();
		for (ProcessHandle handle : handles) {
			long left = deadline - System.nanoTime();
			try {
				handle.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
			}
			catch (java.util.concurrent.TimeoutException ex) {
				handle.destroyForcibly();
			}
			catch (java.util.concurrent.ExecutionException ex) {
				handle.destroyForcibly();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				handle.destroyForcibly();
			}
		}
		for (ProcessHandle handle : handles) {
			try {
				handle.onExit().get(5, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// SIGKILL cannot be refused; a zombie of another parent is its parent's to reap.
			}
		}
	}

	/** Sends SIGTERM and returns at once. */
	public static void terminate(long pid) {
		ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
	}

}
