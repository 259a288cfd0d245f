package io.github.cloudkit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitRepositoryLocatorTests {

	@Test
	void findsTheEnclosingCheckoutAndItsBranchFromASubdirectory(@TempDir Path kit) throws Exception {
		try (Git git = Git.init().setDirectory(kit.toFile()).call()) {
			git.getRepository().updateRef(Constants.HEAD).link("refs/heads/trunk");
		}
		Files.createDirectories(kit.resolve("config-repo"));
		Path moduleDir = Files.createDirectories(kit.resolve("config-server/target"));

		Map<String, Object> found = KitRepositoryLocator.locate(moduleDir);

		assertThat(found).containsEntry("kit.git.uri", kit.toString()).containsEntry("kit.git.label", "trunk");
	}

	@Test
	void offersNothingOutsideAGitCheckout(@TempDir Path unpacked) throws Exception {
		Files.createDirectories(unpacked.resolve("config-repo"));

		assertThat(KitRepositoryLocator.locate(unpacked)).isEmpty();
	}
}
