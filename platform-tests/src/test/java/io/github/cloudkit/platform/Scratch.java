package io.github.cloudkit.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.cloudkit.testsupport.Processes;

/**
 * Scratch clones of the kit, for tests that change a checkout the way a team does (new modules, commits) and run
 * its ./platform. A clone has what is committed: CI runs on a fresh clone; locally, commit first.
 */
final class Scratch {

	private Scratch() {
	}

	static Path cloneOfTheKit(String purpose) {
		Path clone = Kit.root().resolve("platform-tests/target/scratch").resolve(purpose + "-" + UUID.randomUUID());
		git(Kit.root(), "clone", "--quiet", Kit.root().toString(), clone.toString());
		git(clone, "config", "user.name", "platform-tests");
		git(clone, "config", "user.email", "platform-tests@localhost");
		return clone;
	}

	/** Everything that differs from the last commit, each untracked file on its own line. */
	static String gitStatus(Path clone) {
		return git(clone, "status", "--porcelain", "--untracked-files=all");
	}

	static void commitAll(Path clone, String message) {
		git(clone, "add", "--all");
		git(clone, "commit", "--quiet", "--message", message);
	}

	/** Removes a clone (with what was built in it); its processes must be stopped first. */
	static void delete(Path clone) {
		if (clone == null || !Files.exists(clone)) {
			return;
		}
		try (var files = Files.walk(clone)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String git(Path directory, String... arguments) {
		List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
		command.addAll(List.of(arguments));
		Processes.Result result = Processes.run(command, directory, Map.of(), Duration.ofSeconds(60));
		if (!result.succeeded()) {
			throw new IllegalStateException(command + " failed: " + result.output());
		}
		return result.output().stripTrailing();
	}

}
