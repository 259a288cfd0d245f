package io.github.cloudkit.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A throw-away Git repository holding a copy of the kit's {@code config-repo/} at its root, on branch
 * {@code main}: the tests change properties the way a team does, by committing.
 */
final class ConfigRepository implements AutoCloseable {

	static final String BRANCH = "main";

	private final Path directory;
	private final Git git;
	private final Map<String, String> initial = new TreeMap<>();

	private ConfigRepository(Path directory, Git git) {
		this.directory = directory;
		this.git = git;
	}

	static ConfigRepository copyOfKitConfig(Path directory) {
		try {
			Files.createDirectories(directory);
			Git git = Git.init().setDirectory(directory.toFile()).call();
			// JGit 5 has no initial-branch option: point HEAD at main before the first commit.
			RefUpdate head = git.getRepository().updateRef(Constants.HEAD);
			head.link("refs/heads/" + BRANCH);
			try (Stream<Path> files = Files.list(Kit.root().resolve("config-repo"))) {
				for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
					Files.copy(file, directory.resolve(file.getFileName()));
				}
			}
			ConfigRepository repository = new ConfigRepository(directory, git);
			repository.commitAll("Configuration copied from the kit's config-repo/");
			repository.initial.putAll(repository.files());
			return repository;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GitAPIException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A plain path, not a file: URI: the config server clones a path but would serve a file: URI's work tree in place. */
	String location() {
		return directory.toString();
	}

	/** The value of a property as committed, e.g. {@code property("sample-service.yml", "message")}. */
	@SuppressWarnings("unchecked")
	Object property(String file, String dottedName) {
		try {
			Object node = new Yaml().load(Files.readString(directory.resolve(file)));
			for (String key : dottedName.split("\\.")) {
				node = ((Map<String, Object>) node).get(key);
			}
			return node;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A file of the repository as it is on disk (and, after commit(), as committed). */
	String content(String file) {
		try {
			return Files.readString(directory.resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sets one property in a YAML file and commits it, the way a team edits the config repo. */
	@SuppressWarnings("unchecked")
	String commitProperty(String file, String dottedName, Object value) {
		try {
			Map<String, Object> root = new Yaml().load(Files.readString(directory.resolve(file)));
			Map<String, Object> node = root;
			String[] keys = dottedName.split("\\.");
			for (int i = 0; i < keys.length - 1; i++) {
				node = (Map<String, Object>) node.computeIfAbsent(keys[i], key -> new java.util.LinkedHashMap<>());
			}
			node.put(keys[keys.length - 1], value);
			DumperOptions options = new DumperOptions();
			options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
			return commit(file, new Yaml(options).dump(root), "Set " + dottedName + " to " + value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes a file and commits it; returns the new commit id. */
	String commit(String file, String content, String message) {
		try {
			Files.writeString(directory.resolve(file), content, StandardCharsets.UTF_8);
			return commitAll(message);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String commitAll(String message) {
		try {
			git.add().addFilepattern(".").call();
			return git.commit().setMessage(message).setAuthor("platform-tests", "platform-tests@localhost")
					.setCommitter("platform-tests", "platform-tests@localhost").call().getId().name();
		}
		catch (GitAPIException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Commits the configuration the repository started with again, if a test changed it (files changed, added
	 * or removed); answers whether it did. A test starts from the kit's configuration, whatever ran before it.
	 */
	boolean restoreInitial() {
		Map<String, String> current = files();
		if (current.equals(initial)) {
			return false;
		}
		try {
			for (String file : current.keySet()) {
				if (!initial.containsKey(file)) {
					git.rm().addFilepattern(file).call();
				}
			}
			for (Map.Entry<String, String> file : initial.entrySet()) {
				Files.writeString(directory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
			}
			commitAll("Restore the initial configuration");
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GitAPIException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Map<String, String> files() {
		try (Stream<Path> files = Files.list(directory)) {
			Map<String, String> contents = new TreeMap<>();
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				contents.put(file.getFileName().toString(), Files.readString(file));
			}
			return contents;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String head() {
		try {
			Repository repository = git.getRepository();
			return repository.resolve(Constants.HEAD).name();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		git.close();
	}

}
