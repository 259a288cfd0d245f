package io.github.cloudkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTests {

	@Test
	void startsWithItsOutputInTheLogAndStopsByPid(@TempDir Path folder) throws Exception {
		Path log = folder.resolve("logs/sleeper.log");
		Process sleeper = Processes.start(List.of("sh", "-c", "echo \"started $GREETING\"; exec sleep 60"), folder,
				Map.of("GREETING", "hello"), false, log);
		waitFor(() -> Files.exists(log) && Files.readString(log).contains("started hello"));
		assertThat(Processes.alive(sleeper.pid())).isTrue();
		Processes.stop(sleeper.pid(), Duration.ofSeconds(5));
		assertThat(Processes.alive(sleeper.pid())).isFalse();
	}

	@Test
	void aProcessIgnoringSigtermIsKilledAfterTheGrace(@TempDir Path folder) throws Exception {
		Path log = folder.resolve("stubborn.log");
		Process stubborn = Processes.start(List.of("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done"),
				folder, Map.of(), false, log);
		waitFor(() -> Files.readString(log).contains("ready"));
		long started = System.nanoTime();
		Processes.stop(stubborn.pid(), Duration.ofMillis(500));
		assertThat(Processes.alive(stubborn.pid())).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void runReturnsStatusAndOutputWithTheEnvironmentChanged(@TempDir Path folder) {
		Processes.Result result = Processes.run(List.of("sh", "-c", "echo \"${HOME:-unset} $EXTRA\"; exit 3"), folder,
				Map.of("EXTRA", "x"), Duration.ofSeconds(10));
		assertThat(result.exitStatus()).isEqualTo(3);
		assertThat(result.firstLine()).endsWith(" x");
		Map<String, String> withoutHome = new java.util.HashMap<>();
		withoutHome.put("HOME", null);
		assertThat(Processes.run(List.of("sh", "-c", "echo ${HOME:-unset}"), folder, withoutHome, Duration.ofSeconds(10))
				.firstLine()).isEqualTo("unset");
	}

	/** A command that hangs is stopped at the timeout, with what it wrote so far (its output open all along). */
	@Test
	void runStopsACommandThatOutlastsItsTimeout(@TempDir Path folder) {
		Processes.Result result = Processes.run(List.of("sh", "-c", "echo started; exec sleep 60"), folder, Map.of(),
				Duration.ofSeconds(2));
		assertThat(result.exitStatus()).isEqualTo(-1);
		assertThat(result.firstLine()).isEqualTo("started");
	}

	interface Check {
		boolean done() throws IOException;
	}

	private static void waitFor(Check check) throws Exception {
		for (int i = 0; i < 100 && !check.done(); i++) {
			Thread.sleep(50);
		}
		assertThat(check.done()).isTrue();
	}

}
