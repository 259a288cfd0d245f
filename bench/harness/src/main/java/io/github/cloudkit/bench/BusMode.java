package io.github.cloudkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.cloudkit.testsupport.Http;

/**
 * bench/run --bus: the platform as a user scales it (./platform up --instances 3), then commits that change
 * {@code message} in the temporary config repository's sample-service.yml, one at a time, as a user does: per
 * commit, the time from the end of {@code git commit} until each instance, asked directly on its own port, answers
 * the new message on {@code GET /}. Nothing calls a refresh: the config server sees the commit on the served label
 * and publishes the refresh on the bus. The gateway's refresh counter is read before and after (only
 * sample-service's file changed, so it should not move). With --cold-before/--cold-after it also compares the
 * cold-start tables of runs without and with the bus.
 */
final class BusMode {

	static final int INSTANCES = 3;
	static final String FILE = "sample-service.yml";
	static final Duration POLL = Duration.ofMillis(50);
	static final Duration REACH_TIMEOUT = Duration.ofSeconds(60);
	/** After a commit reached every instance, before the next: the instances' refreshes have finished logging. */
	static final Duration PAUSE = Duration.ofSeconds(1);
	/** After the last commit, how long a service that should not refresh is given to do so anyway (as BusIT). */
	static final Duration GRACE = Duration.ofSeconds(3);
	private static final Pattern MESSAGE = Pattern.compile("(?m)^message:[ \\t]*(.*)$");
	private static final String REFRESHES = "kit_config_refreshes_total";

	private final Run run;
	private final Platform platform;
	private final BusFacts facts = new BusFacts();

	BusMode(Run run) {
		this.run = run;
		this.platform = run.platform;
	}

	void measure() throws Exception {
		Options options = run.options;
		// The files to compare are read first: one that is not a results file stops the run before anything starts.
		options.coldBefore().forEach(file -> facts.coldBefore.add(ColdStartTable.read(file)));
		options.coldAfter().forEach(file -> facts.coldAfter.add(ColdStartTable.read(file)));
		facts.quick = options.quick();
		facts.instances = INSTANCES;
		facts.commits = options.commits();
		facts.pollMillis = POLL.toMillis();
		facts.pauseMillis = PAUSE.toMillis();
		facts.graceMillis = GRACE.toMillis();
		facts.machine = Machine.describe(run.kitRoot);
		run.work.makeConfigRepo(run.kitRoot);
		platform.usePorts(0);
		int gatewayPort = platform.ports().gateway();

		Console.say("bus: ./platform up --instances " + INSTANCES);
		long started = System.nanoTime();
		Path upLog = run.work.logs.resolve("platform-up-bus.log");
		platform.upInBackground(INSTANCES, upLog);
		List<String> names = platform.instanceNames(INSTANCES);
		platform.awaitHealthy(names, started, Platform.START_TIMEOUT);
		facts.upSeconds = Platform.awaitRoute(gatewayPort, started, Duration.ofSeconds(120));
		platform.finishUp(upLog, "--instances " + INSTANCES);
		Console.say("bus: every service healthy and /hello routed after " + facts.upSeconds + " s");

		Map<String, String> instanceUrls = new LinkedHashMap<>();
		for (int i = 1; i <= INSTANCES; i++) {
			String name = Platform.SAMPLE_SERVICE + "-" + i;
			int port = platform.portOf(name).orElseThrow(() -> new BenchFailure("the state folder names no port for " + name));
			instanceUrls.put(name, "http://127.0.0.1:" + port + "/");
		}
		Http.Credentials management = new Http.Credentials(platform.credential("MANAGEMENT_USER"),
				platform.credential("MANAGEMENT_PASSWORD"));
		Http.Credentials config = new Http.Credentials(platform.credential("CONFIG_SERVER_USER"),
				platform.credential("CONFIG_SERVER_PASSWORD"));
		String original = Files.readString(run.work.configRepo.resolve(FILE));
		String initial = messageOf(original)
				.orElseThrow(() -> new BenchFailure(FILE + " of config-repo/ has no top-level message: line to change"));
		// Every instance serves the repository's message before the first commit (no stale answer counts as new).
		awaitEveryInstance(instanceUrls, initial, System.nanoTime(), Duration.ofSeconds(30));

		Map<String, Integer> counted = new LinkedHashMap<>();
		counted.put("edge-gateway-1", gatewayPort);
		instanceUrls.keySet().forEach(name -> counted.put(name, platform.portOf(name).orElseThrow()));
		Map<String, Double> appliedBefore = refreshCounts(counted, management, "applied");
		Map<String, Double> rejectedBefore = refreshCounts(counted, management, "rejected");
		Double publishedBefore = published(platform.ports().configServer(), config);

		String runId = Long.toHexString(System.nanoTime() & 0xffffffL);
		String content = original;
		for (int commit = 1; commit <= facts.commits; commit++) {
			String message = "Bus commit " + commit + " of " + facts.commits + " from bench/run, run " + runId;
			content = withMessage(content, message);
			long launched = System.nanoTime();
			run.work.commitConfigFile(FILE, content, "bench/run --bus: commit " + commit + " of " + facts.commits);
			long committed = System.nanoTime();
			Map<String, Double> reached = awaitEveryInstance(instanceUrls, message, committed, REACH_TIMEOUT);
			BusFacts.Propagation propagation = new BusFacts.Propagation(commit, (committed - launched) / 1_000_000, reached);
			facts.propagations.add(propagation);
			Console.say(Console.format("bus: commit %d of %d reached the first instance after %.2f s, the last (%s) after %.2f s",
					commit, facts.commits, propagation.first(), propagation.lastInstance(), propagation.last()));
			Thread.sleep(PAUSE.toMillis());
		}
		Thread.sleep(GRACE.toMillis());

		Map<String, Double> appliedAfter = refreshCounts(counted, management, "applied");
		Map<String, Double> rejectedAfter = refreshCounts(counted, management, "rejected");
		counted.keySet().forEach(name -> {
			facts.applied.put(name, new BusFacts.Count(appliedBefore.get(name), appliedAfter.get(name)));
			facts.rejected.put(name, new BusFacts.Count(rejectedBefore.get(name), rejectedAfter.get(name)));
		});
		facts.published = new BusFacts.Count(publishedBefore, published(platform.ports().configServer(), config));
		BusFacts.Count gateway = facts.applied.get("edge-gateway-1");
		if (gateway.change() == null) {
			Console.warn("the gateway's refresh counter could not be read (" + REFRESHES + " on its /actuator/prometheus)");
		}
		else if (gateway.change() != 0) {
			Console.warn("the gateway applied " + Console.format("%.0f", gateway.change())
					+ " refresh(es) although only sample-service's file changed");
		}
		for (String name : instanceUrls.keySet()) {
			Double applied = facts.applied.get(name).change();
			Double rejected = facts.rejected.get(name).change();
			if (applied == null || applied != facts.commits || rejected == null || rejected != 0) {
				Console.warn(name + " applied " + (applied == null ? "n/a" : Console.format("%.0f", applied)) + " and rejected "
						+ (rejected == null ? "n/a" : Console.format("%.0f", rejected)) + " refreshes during " + facts.commits
						+ " commits (one applied a commit expected)");
			}
		}
		report(names);
	}

	/**
	 * Polls every instance that has not yet answered {@code message} on GET / every {@link #POLL}, until all have;
	 * per instance, the seconds from {@code sinceNanos} to the answer that had it.
	 */
	static Map<String, Double> awaitEveryInstance(Map<String, String> urls, String message, long sinceNanos,
			Duration timeout) throws InterruptedException {
		Map<String, Double> reached = new LinkedHashMap<>();
		Map<String, String> lastAnswers = new LinkedHashMap<>();
		long next = System.nanoTime();
		while (true) {
			for (Map.Entry<String, String> instance : urls.entrySet()) {
				if (reached.containsKey(instance.getKey())) {
					continue;
				}
				Optional<String> body = Http.okBody(instance.getValue());
				if (body.map(message::equals).orElse(false)) {
					reached.put(instance.getKey(), (System.nanoTime() - sinceNanos) / 1e9);
				}
				else {
					lastAnswers.put(instance.getKey(), body.orElse("no 200 answer"));
				}
			}
			if (reached.size() == urls.size()) {
				Map<String, Double> inOrder = new LinkedHashMap<>();
				urls.keySet().forEach(name -> inOrder.put(name, reached.get(name)));
				return inOrder;
			}
			if (System.nanoTime() - sinceNanos > timeout.toNanos()) {
				List<String> missing = new ArrayList<>();
				urls.keySet().stream().filter(name -> !reached.containsKey(name))
						.forEach(name -> missing.add(name + " (last answer: '" + Platform.tail(lastAnswers.get(name), 120) + "')"));
				throw new BenchFailure("not every instance answers '" + message + "' after " + timeout.toSeconds() + " s: "
						+ String.join(", ", missing));
			}
			next += POLL.toNanos();
			long wait = next - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			else {
				next = System.nanoTime();
			}
		}
	}

	/** Each service's kit_config_refreshes_total with this outcome (null: its metrics did not answer). */
	private static Map<String, Double> refreshCounts(Map<String, Integer> ports, Http.Credentials user, String outcome) {
		Map<String, Double> counts = new LinkedHashMap<>();
		ports.forEach((name, port) -> counts.put(name, metric(port, user, REFRESHES, outcome)));
		return counts;
	}

	private static Double published(int configServerPort, Http.Credentials user) {
		return metric(configServerPort, user, "kit_config_commits_total", "published");
	}

	/**
	 * A counter with this outcome from a service's /actuator/prometheus; 0 when the page answers without it (a counter
	 * registered lazily, before its first increment), null when the page does not answer.
	 */
	private static Double metric(int port, Http.Credentials user, String metric, String outcome) {
		return Http.get("http://127.0.0.1:" + port + "/actuator/prometheus", user).filter(answer -> answer.status() == 200)
				.map(answer -> PrometheusText.sum(answer.body(), metric, "outcome", outcome).orElse(0.0)).orElse(null);
	}

	/** The value of the top-level {@code message:} line of a YAML file, as written (no quotes expected). */
	static Optional<String> messageOf(String yaml) {
		Matcher matcher = MESSAGE.matcher(yaml);
		return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
	}

	/** The file with its top-level {@code message:} line set to this plain-scalar message, every other line kept. */
	static String withMessage(String yaml, String message) {
		if (!message.matches("[A-Za-z][A-Za-z0-9 ,./-]*") || message.contains(" #")) {
			throw new IllegalArgumentException("not a plain YAML message: " + message);
		}
		Matcher matcher = MESSAGE.matcher(yaml);
		if (!matcher.find()) {
			throw new BenchFailure("no top-level message: line to change");
		}
		return yaml.substring(0, matcher.start()) + "message: " + message + yaml.substring(matcher.end());
	}

	private void report(List<String> names) throws Exception {
		String sample = Platform.SAMPLE_SERVICE + "-1";
		facts.jvmOptions = platform.jvmOptions(sample);
		facts.jvmOptionNotes = platform.jvmOptionDifferences(sample, names);
		facts.runSeconds = Console.secondsSinceStart();
		facts.date = Markdown.producedNow();
		facts.warnings.addAll(Console.warnings());
		String markdown = BusReport.markdown(facts);
		Files.writeString(run.work.results, markdown);
		System.out.println();
		System.out.print(markdown);
		System.out.println();
	}

}
