package io.github.cloudkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.LoadGenerator;
import io.github.cloudkit.testsupport.ProcessReadings;
import io.github.cloudkit.testsupport.Processes;

/**
 * bench/run --soak: the platform as a user starts it (two sample instances), then for the whole soak a fixed rate of
 * GET /hello/id through the gateway, a commit to the temporary config repository every minute (applied over the
 * bus, checked on every instance), a rolling restart of the sample instances every 5 minutes, and every 30 s a
 * sample of every process's RSS, heap after GC, live threads and open descriptors. Writes soak.md, soak.tsv and
 * soak.png; a judged (30-minute or longer) soak fails when a request failed or a bound was broken.
 */
final class SoakMode {

	static final int INSTANCES = 2;
	static final int RESTART_EVERY_MINUTES = 5;
	static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
	/** The gateway's registry fetch (3 s) plus Ribbon's server-list refresh (2 s), and a second to spare. */
	static final Duration REGISTRY_AND_RIBBON = Duration.ofSeconds(6);
	static final Duration APPLY_TIMEOUT = Duration.ofSeconds(60);
	static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(120);
	/** Micrometer's pool of Serial GC's old generation: it changes only at a collection. */
	private static final String OLD_GENERATION = "Tenured Gen";

	/** Something the soak does at a minute of the load: a commit, or a rolling restart (after that minute's commit). */
	record Event(double minute, boolean restart) {
	}

	private final Run run;
	private final Platform platform;
	private final SoakFacts facts = new SoakFacts();
	/** Who may read each service's /actuator/prometheus, by service: as prometheus/prometheus.yml scrapes them. */
	private final Map<String, Http.Credentials> metricsUsers = new LinkedHashMap<>();
	private Http.Credentials management;
	private int gatewayPort;
	private long loadStarted;

	SoakMode(Run run) {
		this.run = run;
		this.platform = run.platform;
	}

	/**
	 * The commits (every whole minute before the end) and rolling restarts (every 5 minutes before the end; a soak
	 * shorter than 10 minutes has one, half-way, so that a smoke exercises it too), in order.
	 */
	static List<Event> schedule(int minutes) {
		List<Event> events = new ArrayList<>();
		for (int minute = 1; minute < minutes; minute++) {
			events.add(new Event(minute, false));
			if (minute % RESTART_EVERY_MINUTES == 0) {
				events.add(new Event(minute, true));
			}
		}
		if (minutes < 2 * RESTART_EVERY_MINUTES) {
			events.add(new Event(minutes / 2.0, true));
			events.sort((a, b) -> Double.compare(a.minute(), b.minute()));
		}
		return events;
	}

	void measure() throws Exception {
		Options options = run.options;
		facts.quick = options.quick();
		facts.minutes = options.minutes();
		facts.rate = options.rate();
		facts.judged = !options.quick() && options.minutes() >= 30;
		facts.instances = INSTANCES;
		facts.restartEveryMinutes = RESTART_EVERY_MINUTES;
		facts.sampleEverySeconds = (int) SAMPLE_EVERY.toSeconds();
		facts.machine = Machine.describe(run.kitRoot);
		List<Event> events = schedule(facts.minutes);
		facts.restartsPlanned = (int) events.stream().filter(Event::restart).count();
		run.work.makeConfigRepo(run.kitRoot);
		platform.usePorts(0);
		gatewayPort = platform.ports().gateway();

		Console.say("soak: ./platform up --instances " + INSTANCES);
		long started = System.nanoTime();
		Path upLog = run.work.logs.resolve("platform-up-soak.log");
		platform.upInBackground(INSTANCES, upLog);
		platform.awaitHealthy(platform.instanceNames(INSTANCES), started, Platform.START_TIMEOUT);
		facts.upSeconds = Platform.awaitRoute(gatewayPort, started, ROUTE_TIMEOUT);
		platform.finishUp(upLog, "--instances " + INSTANCES);
		Platform.awaitDistinctInstances(gatewayPort, INSTANCES, ROUTE_TIMEOUT);
		facts.jvmOptions = platform.jvmOptions(Platform.SAMPLE_SERVICE + "-1");
		management = new Http.Credentials(platform.credential("MANAGEMENT_USER"), platform.credential("MANAGEMENT_PASSWORD"));
		metricsUsers.put("config-server", new Http.Credentials(platform.credential("CONFIG_SERVER_USER"),
				platform.credential("CONFIG_SERVER_PASSWORD")));
		metricsUsers.put("discovery-service", new Http.Credentials(platform.credential("EUREKA_USER"),
				platform.credential("EUREKA_PASSWORD")));
		Console.say("soak: every service healthy and /hello routed after " + facts.upSeconds + " s; " + facts.minutes
				+ " minutes at " + facts.rate + " requests/s, " + facts.restartsPlanned + " rolling restart(s), "
				+ events.stream().filter(event -> !event.restart()).count() + " commits");

		facts.url = "http://127.0.0.1:" + gatewayPort + "/hello/id";
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "soak-sampler");
			thread.setDaemon(true);
			return thread;
		});
		try (LoadGenerator load = LoadGenerator.start(facts.url, facts.rate, Duration.ofMinutes(facts.minutes))) {
			loadStarted = System.nanoTime();
			sampler.scheduleAtFixedRate(this::sampleQuietly, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
			String original = Files.readString(run.work.configRepo.resolve(BusMode.FILE));
			String content = original;
			String runId = Long.toHexString(System.nanoTime() & 0xffffffL);
			int commits = 0;
			boolean restarting = true;
			for (Event event : events) {
				waitUntilMinute(event.minute());
				if (event.restart()) {
					if (restarting) {
						restarting = rollingRestart(facts.restarts.size() + 1);
					}
				}
				else {
					commits++;
					content = BusMode.withMessage(content, "Soak commit " + commits + " from bench/run, run " + runId);
					commit(commits, content);
				}
				Console.say("soak: minute " + Console.format("%.1f", minutesSinceLoad()) + ", load so far: " + load.snapshot());
			}
			waitUntilMinute(facts.minutes);
			load.stopSending();
			facts.load = load.await();
		}
		finally {
			sampler.shutdownNow();
			sampler.awaitTermination(30, TimeUnit.SECONDS);
		}
		// The last minute's figures: the sampler's last round came up to 30 s before the end.
		sampleQuietly();
		Console.say("soak: load " + facts.load);
		report();
	}

	private double minutesSinceLoad() {
		return (System.nanoTime() - loadStarted) / 60e9;
	}

	private void waitUntilMinute(double minute) throws InterruptedException {
		long due = loadStarted + (long) (minute * 60e9);
		for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
			Thread.sleep(Math.max(1, wait / 1_000_000));
		}
	}

	/** The running sample instances by name, in the order of their names' numbers. */
	private Map<String, Long> sampleInstances() {
		Map<String, Long> running = new LinkedHashMap<>();
		platform.instances().entrySet().stream()
				.filter(instance -> SoakTrends.replacedDuringTheSoak(instance.getKey()) && Processes.alive(instance.getValue()))
				.sorted(Map.Entry.comparingByKey((a, b) -> Integer.compare(number(a), number(b))))
				.forEach(instance -> running.put(instance.getKey(), instance.getValue()));
		return running;
	}

	private static int number(String name) {
		return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
	}

	/** Commits the new message and waits until every running instance answers it on its own port. */
	private void commit(int number, String content) {
		double minute = minutesSinceLoad();
		String message = BusMode.messageOf(content).orElseThrow();
		try {
			run.work.commitConfigFile(BusMode.FILE, content, "bench/run --soak: commit " + number);
			long committed = System.nanoTime();
			Map<String, String> urls = new LinkedHashMap<>();
			for (String name : sampleInstances().keySet()) {
				platform.portOf(name).ifPresent(port -> urls.put(name, "http://127.0.0.1:" + port + "/"));
			}
			Map<String, Double> reached = BusMode.awaitEveryInstance(urls, message, committed, APPLY_TIMEOUT);
			double last = reached.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
			facts.commits.add(new SoakFacts.Commit(number, minute, last, null));
		}
		catch (BenchFailure | InterruptedException failure) {
			facts.commits.add(new SoakFacts.Commit(number, minute, null, failure.getMessage()));
			Console.warn("soak: commit " + number + " (minute " + Console.format("%.1f", minute) + "): " + failure.getMessage());
		}
	}

	/**
	 * Replaces every sample instance, one at a time, as FaultSuiteIT's rolling restart does: a replacement started in
	 * the free slot ({@code ./platform up --instances N+1}), healthy, routed by the gateway, then the registry fetch and
	 * Ribbon's refresh waited for, then the old one stopped with SIGTERM (it deregisters from Eureka as it stops).
	 * Returns false when it failed (the soak then restarts nothing more).
	 */
	private boolean rollingRestart(int number) {
		double minute = minutesSinceLoad();
		long began = System.nanoTime();
		List<String> replaced = new ArrayList<>();
		Map<String, Long> old = sampleInstances();
		try {
			Console.say("soak: rolling restart " + number + " of " + old.keySet());
			for (Map.Entry<String, Long> instance : old.entrySet()) {
				int slots = old.size() + 1;
				List<String> running = List.copyOf(sampleInstances().keySet());
				String added = null;
				for (int i = 1; i <= slots && added == null; i++) {
					if (!running.contains(Platform.SAMPLE_SERVICE + "-" + i)) {
						added = Platform.SAMPLE_SERVICE + "-" + i;
					}
				}
				Path log = run.work.logs.resolve("platform-up-restart-" + number + "-" + added + ".log");
				long upStarted = System.nanoTime();
				platform.upInBackground(slots, log);
				platform.awaitHealthy(List.of(added), upStarted, Platform.START_TIMEOUT);
				Platform.awaitDistinctInstances(gatewayPort, slots, ROUTE_TIMEOUT);
				platform.finishUp(log, "--instances " + slots);
				Thread.sleep(REGISTRY_AND_RIBBON.toMillis());
				Processes.stop(instance.getValue(), Duration.ofSeconds(30));
				platform.forget(instance.getKey());
				replaced.add(instance.getKey() + " (PID " + instance.getValue() + ") by " + added + " (PID "
						+ platform.requirePid(added) + ")");
			}
			facts.restarts.add(new SoakFacts.Restart(number, minute, (System.nanoTime() - began) / 1e9, replaced, null));
			Console.say("soak: rolling restart " + number + " done after " + Console.secondsSince(began) + " s: " + replaced);
			return true;
		}
		catch (Exception failure) {
			String problem = failure instanceof BenchFailure ? failure.getMessage() : failure.toString();
			facts.restarts.add(new SoakFacts.Restart(number, minute, (System.nanoTime() - began) / 1e9, replaced, problem));
			Console.warn("soak: rolling restart " + number + " failed, no more restarts: " + problem);
			return false;
		}
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException failure) {
			Console.warn("soak: a sample at minute " + Console.format("%.1f", minutesSinceLoad()) + " failed: " + failure);
		}
	}

	/** One reading of every process the state folder names (a process gone meanwhile has none). */
	private void sample() {
		double minute = minutesSinceLoad();
		List<SoakSample> round = new ArrayList<>();
		for (Map.Entry<String, Long> instance : platform.instances().entrySet()) {
			ProcessReadings readings = new ProcessReadings(instance.getValue());
			Optional<Long> rss = readings.residentKilobytes();
			if (rss.isEmpty()) {
				continue;
			}
			String service = instance.getKey().substring(0, instance.getKey().lastIndexOf('-'));
			Http.Credentials user = metricsUsers.getOrDefault(service, management);
			Double heap = platform.portOf(instance.getKey()).flatMap(port -> oldGenerationMegabytes(port, user)).orElse(null);
			round.add(new SoakSample(minute, instance.getKey(), instance.getValue(), rss.get() / 1024.0, heap,
					readings.threads().orElse(null), readings.openFileDescriptors().orElse(null)));
		}
		synchronized (facts.samples) {
			facts.samples.addAll(round);
		}
	}

	/** The old generation's usage as the last collection left it, from the service's Micrometer metrics. */
	private static Optional<Double> oldGenerationMegabytes(int port, Http.Credentials user) {
		return Http.get("http://127.0.0.1:" + port + "/actuator/prometheus", user)
				.filter(answer -> answer.status() == 200)
				.flatMap(answer -> PrometheusText.sum(answer.body(), "jvm_memory_used_bytes", "id", OLD_GENERATION))
				.map(bytes -> bytes / 1048576.0);
	}

	private void report() throws Exception {
		List<SoakSample> samples;
		synchronized (facts.samples) {
			samples = List.copyOf(facts.samples);
		}
		facts.runSeconds = Console.secondsSinceStart();
		facts.date = Markdown.producedNow();
		facts.warnings.addAll(Console.warnings());
		Path folder = run.work.soak;
		Files.createDirectories(folder);
		StringBuilder tsv = new StringBuilder(SoakSample.TSV_HEADER).append('\n');
		samples.forEach(sample -> tsv.append(sample.tsv()).append('\n'));
		Files.writeString(folder.resolve("soak.tsv"), tsv);
		SoakPlot.write(samples, facts.windowStart(), folder.resolve("soak.png"));
		String markdown = SoakReport.markdown(facts);
		Files.writeString(folder.resolve("soak.md"), markdown);
		System.out.println();
		System.out.print(markdown);
		System.out.println();
		// What a smoke checks: the harness worked (files, plot, samples of every long-lived service), not the figures.
		if (SoakTrends.longLived(samples).size() < platform.instanceNames(0).size() || samples.isEmpty()) {
			throw new BenchFailure("the soak sampled " + SoakTrends.longLived(samples) + ", not every service of "
					+ platform.instanceNames(0));
		}
		List<String> failures = SoakReport.failures(facts);
		if (facts.judged && !failures.isEmpty()) {
			throw new BenchFailure("the soak FAILED: " + String.join("; ", failures) + " (see soak.md)");
		}
		if (!failures.isEmpty()) {
			Console.say("soak (smoke, not judged): by the bounds it would fail: " + String.join("; ", failures));
		}
	}

}
