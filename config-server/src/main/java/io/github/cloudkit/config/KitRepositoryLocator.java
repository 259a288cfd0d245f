package io.github.cloudkit.config;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no settings at all, the config server serves the kit's own Git checkout: it looks upwards from
 * the working directory for a Git work tree that holds {@code config-repo/}, and offers its location
 * and checked-out branch as {@code kit.git.uri} and {@code kit.git.label}, the lowest-precedence
 * fallbacks of the {@code CONFIG_GIT_*} variables in {@code application.yml}.
 * <p>
 * The location is a plain path, not a {@code file:} URI: Spring Cloud Config serves a {@code file:} URI in
 * place, checking labels out in the user's own work tree and serving uncommitted edits, while a path is
 * cloned like any remote, so only committed changes are served.
 */
public class KitRepositoryLocator implements EnvironmentPostProcessor {

	static final String CONFIG_FOLDER = "config-repo";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Path start = Paths.get(environment.getProperty("user.dir", ".")).toAbsolutePath();
		Map<String, Object> found = locate(start);
		if (!found.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("kitRepository", found));
		}
	}

	static Map<String, Object> locate(Path start) {
		Map<String, Object> found = new HashMap<>();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			if (Files.exists(dir.resolve(".git")) && Files.isDirectory(dir.resolve(CONFIG_FOLDER))) {
				found.put("kit.git.uri", dir.toString());
				String branch = checkedOutBranch(dir.toFile());
				if (branch != null) {
					found.put("kit.git.label", branch);
				}
				break;
			}
		}
		return found;
	}

	/** The branch name, or the commit id when HEAD is detached: both are valid config server labels. */
	private static String checkedOutBranch(File workTree) {
		try (Repository repository = new FileRepositoryBuilder().setWorkTree(workTree).build()) {
			return repository.getBranch();
		}
		catch (IOException e) {
			return null;
		}
	}
}
