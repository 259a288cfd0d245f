package io.github.cloudkit.config;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.config.monitor.PropertyPathEndpoint;
import org.springframework.cloud.config.server.environment.MultipleJGitEnvironmentProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;

/**
 * A repository on this machine has no webhook: the kit's own checkout, where a team commits a property change. The
 * config server reads the served label of such a repository every {@code kit.monitor.watch-interval}; when it
 * points at a new commit, the property files that changed (under the search paths) go to {@code /monitor}'s own
 * handler, which publishes a refresh on the bus for exactly the applications those files configure
 * ({@code application*.yml}: all of them). A commit with a YAML file that does not parse is not published: every
 * service keeps its configuration, and the log names the file and the error. Counted in
 * {@code kit.config.commits{outcome=published|rejected|unpublished}} (unpublished: the broker was unreachable; each
 * service refreshes when it is back on it).
 */
class CommitWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CommitWatcher.class);

	private final MonitorProperties properties;

	private final MultipleJGitEnvironmentProperties git;

	private final ObjectProvider<PropertyPathEndpoint> monitorHandler;

	private PropertyPathEndpoint monitor;

	private final MeterRegistry meters;

	private ScheduledExecutorService schedule;

	private Repository repository;

	private ObjectId seen;

	CommitWatcher(MonitorProperties properties, MultipleJGitEnvironmentProperties git,
			ObjectProvider<PropertyPathEndpoint> monitorHandler, MeterRegistry meters) {
		this.properties = properties;
		this.git = git;
		this.monitorHandler = monitorHandler;
		this.meters = meters;
	}

	@Override
	public synchronized void start() {
		monitor = monitorHandler.getIfAvailable();
		if (!properties.isWatch() || monitor == null) {
			log.info("Not watching the repository for commits ({})", monitor == null ? "no bus: spring.cloud.bus.enabled is false" : "kit.monitor.watch is false");
			return;
		}
		Optional<File> local = localRepository(git.getUri());
		if (!local.isPresent()) {
			log.info("Not watching {} for commits: it is not on this machine; point its push webhook at /monitor", git.getUri());
			return;
		}
		try {
			File directory = local.get();
			FileRepositoryBuilder builder = new FileRepositoryBuilder();
			repository = (new File(directory, ".git").exists() ? builder.setWorkTree(directory) : builder.setGitDir(directory)).build();
			seen = head();
		}
		catch (IOException ex) {
			log.warn("Not watching {} for commits: {}", local.get(), ex.getMessage());
			return;
		}
		schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "commit-watcher");
			thread.setDaemon(true);
			return thread;
		});
		long interval = properties.getWatchInterval().toMillis();
		schedule.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
		log.info("Watching {} for commits on {} every {} ms", local.get(), git.getDefaultLabel(), interval);
	}

	/** A plain path or a file: URI of a directory that exists; anything else is a remote for webhooks. */
	static Optional<File> localRepository(String uri) {
		if (uri == null || uri.isEmpty()) {
			return Optional.empty();
		}
		File directory = uri.startsWith("file:") ? new File(URI.create(uri)) : uri.contains("://") || uri.contains("@") ? null : new File(uri);
		return Optional.ofNullable(directory).filter(File::isDirectory);
	}

	private ObjectId head() throws IOException {
		String label = git.getDefaultLabel();
		Ref branch = repository.exactRef("refs/heads/" + label);
		return branch != null ? branch.getObjectId() : repository.resolve(label);
	}

	void check() {
		try {
			ObjectId current = head();
			if (current == null || current.equals(seen)) {
				return;
			}
			ObjectId previous = seen;
			seen = current;
			publish(previous, current);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not read {} for new commits: {}", repository.getDirectory(), ex.getMessage());
		}
	}

	private void publish(ObjectId previous, ObjectId current) throws IOException {
		String commit = current.abbreviate(7).name();
		List<String> changed = changedPropertyFiles(previous, current);
		if (changed.isEmpty()) {
			return;
		}
		Optional<String> invalid = firstInvalid(current, changed);
		if (invalid.isPresent()) {
			count("rejected");
			log.error("Commit {} is not published, every service keeps its configuration: {}", commit, invalid.get());
			return;
		}
		try {
			Set<String> destinations = monitor.notifyByForm(new HttpHeaders(), changed);
			count("published");
			log.info("Commit {} changed {}: refresh published to {}", commit, changed, destinations);
		}
		catch (RuntimeException unreachable) {
			count("unpublished");
			log.warn("Commit {} changed {} but the bus is unreachable ({}); each service refreshes when it is back on the broker",
					commit, changed, NestedExceptionUtils.getMostSpecificCause(unreachable).getMessage());
		}
	}

	private List<String> changedPropertyFiles(ObjectId previous, ObjectId current) throws IOException {
		List<String> changed = new ArrayList<>();
		try (RevWalk walk = new RevWalk(repository); DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
			diff.setRepository(repository);
			RevCommit from = previous == null ? null : walk.parseCommit(previous);
			RevCommit to = walk.parseCommit(current);
			for (DiffEntry entry : diff.scan(from == null ? null : from.getTree(), to.getTree())) {
				String path = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
				if (isPropertyFile(path) && underSearchPaths(path)) {
					changed.add(path);
				}
			}
		}
		return changed;
	}

	static boolean isPropertyFile(String path) {
		return path.endsWith(".yml") || path.endsWith(".yaml") || path.endsWith(".properties");
	}

	/** In the repository's root or a folder the search paths name (a pattern in them: anywhere). */
	private boolean underSearchPaths(String path) {
		String folder = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
		String[] searchPaths = git.getSearchPaths();
		if (folder.isEmpty() || searchPaths == null) {
			return true;
		}
		for (String searchPath : searchPaths) {
			if (searchPath.contains("{") || searchPath.contains("*") || folder.equals(searchPath.replaceAll("^/+|/+$", ""))) {
				return true;
			}
		}
		return false;
	}

	/** The first changed YAML file of the commit that does not parse, with the parser's own words. */
	private Optional<String> firstInvalid(ObjectId commit, List<String> paths) throws IOException {
		try (RevWalk walk = new RevWalk(repository)) {
			RevCommit revision = walk.parseCommit(commit);
			for (String path : paths) {
				if (path.endsWith(".properties")) {
					continue;
				}
				try (TreeWalk file = TreeWalk.forPath(repository, path, revision.getTree())) {
					if (file == null) {
						continue; // deleted
					}
					String text = new String(repository.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
					try {
						new Yaml(new SafeConstructor()).loadAll(text).forEach(document -> {
						});
					}
					catch (RuntimeException invalid) {
						return Optional.of(path + " is not valid YAML: " + invalid.getMessage().replaceAll("\\s+", " ").trim());
					}
				}
			}
		}
		return Optional.empty();
	}

	private void count(String outcome) {
		meters.counter("kit.config.commits", "outcome", outcome).increment();
	}

	@Override
	public synchronized void stop() {
		if (schedule != null) {
			schedule.shutdownNow();
			schedule = null;
		}
		if (repository != null) {
			repository.close();
			repository = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return schedule != null;
	}

}
