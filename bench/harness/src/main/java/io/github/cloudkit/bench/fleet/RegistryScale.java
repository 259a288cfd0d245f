package io.github.cloudkit.bench.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.cloudkit.bench.WrkOutput;
import io.github.cloudkit.testsupport.ProcessReadings;

/**
 * bench/run --registry-scale: how many instances one registry holds. Against a running platform (its registry
 * and its gateway in front of real sample instances), with simulated fleets at Cloud Foundry's intervals (30 s)
 * and the kit's local ones (3 s), step by step: registry CPU, memory, renewal and fetch latency, full-fetch
 * size, how fast a new instance is routed and a crashed one leaves, and the gateway's throughput beside it.
 * First the cost of checking credentials on the registry, anonymous, authenticated and wrong.
 * Writes registry-scale.md, registry-scale.tsv and registry-scale.png into --out.
 */
public final class RegistryScale {

	static final SimulatedFleet.Profile CLOUD = new SimulatedFleet.Profile("cloud-30s", 30, 90, 30);
	static final SimulatedFleet.Profile LOCAL = new SimulatedFleet.Profile("local-3s", 3, 5, 3);

	/** One measured step. */
	record Step(SimulatedFleet.Profile profile, int instances, double registrationsPerSecond, double cpuShare,
			long residentMegabytes, long heapMegabytes, SimulatedFleet.Window window, Registry.Answer fullFetch,
			ProbeInstance.Timings probe, double gatewayRequestsPerSecond) {
	}

	/** Registry CPU per request of one kind. */
	record CredentialCost(String kind, int requests, Map<Integer, Integer> statuses, double cpuMillisPerRequest) {
	}

	private final Settings settings;
	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();
	private final Registry registry;
	private final ProcessReadings registryProcess;

	RegistryScale(Settings settings) {
		this.settings = settings;
		this.registry = new Registry(client, settings.registry, settings.user, settings.password);
		this.registryProcess = new ProcessReadings(settings.registryPid);
	}

	/**
	 * Runs the whole measurement in this JVM (bench/run --registry-scale calls it after starting the platform);
	 * throws IllegalArgumentException, with the usage, for settings it cannot take.
	 */
	public static void run(List<String> arguments) throws Exception {
		Settings settings;
		try {
			settings = Settings.parse(arguments.toArray(String[]::new));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(ex.getMessage() + "\n" + Settings.USAGE, ex);
		}
		new RegistryScale(settings).run();
	}

	void run() throws Exception {
		say("registry idle for " + settings.idleSeconds + " s");
		double idleShare = cpuShareOver(Duration.ofSeconds(settings.idleSeconds));
		say(String.format("registry idle: %.2f %% of a core", idleShare * 100));
		List<CredentialCost> costs = credentialCosts(idleShare);
		costs.forEach(cost -> say(String.format("%s: %.3f ms of registry CPU per request %s", cost.kind(),
				cost.cpuMillisPerRequest(), cost.statuses())));

		double gatewayBefore = gatewayThroughput();
		say(String.format("gateway without a fleet: %.0f req/s", gatewayBefore));
		List<Step> steps = new ArrayList<>();
		steps.addAll(measureProfile(CLOUD, settings.cloudSteps, settings.cloudWindowSeconds));
		steps.addAll(measureProfile(LOCAL, settings.localSteps, settings.localWindowSeconds));
		Thread.sleep(settings.settleSeconds * 1000L);
		double gatewayAfter = gatewayThroughput();
		say(String.format("gateway without a fleet, again: %.0f req/s", gatewayAfter));

		Report report = new Report(settings, idleShare, costs, steps, (gatewayBefore + gatewayAfter) / 2, gatewayBefore,
				gatewayAfter);
		Files.createDirectories(settings.out);
		Files.writeString(settings.out.resolve("registry-scale.md"), report.markdown());
		Files.writeString(settings.out.resolve("registry-scale.tsv"), report.tsv());
		report.plot(settings.out.resolve("registry-scale.png"));
		System.out.println(report.markdown());
	}

	private List<Step> measureProfile(SimulatedFleet.Profile profile, int[] counts, int windowSeconds) throws Exception {
		List<Step> steps = new ArrayList<>();
		try (SimulatedFleet fleet = new SimulatedFleet(registry, profile, settings.workers)) {
			for (int count : counts) {
				say(profile.name() + ": registering up to " + count + " instances");
				double rate = fleet.growTo(count);
				say(String.format("%s: %d instances registered (%.0f registrations/s); settling %d s", profile.name(), count,
						rate, settings.settleSeconds));
				Thread.sleep(settings.settleSeconds * 1000L);
				long cpuBefore = registryProcess.cpuMillis();
				long started = System.nanoTime();
				fleet.startWindow();
				Thread.sleep(windowSeconds * 1000L);
				SimulatedFleet.Window window = fleet.window();
				double share = (registryProcess.cpuMillis() - cpuBefore) / ((System.nanoTime() - started) / 1e6);
				long rss = registryProcess.residentMegabytes();
				Registry.Answer fullFetch = medianFullFetch();
				double gateway = gatewayThroughput();
				long heap = registryProcess.heapAfterGcMegabytes();
				ProbeInstance.Timings probe = new ProbeInstance(registry, settings.routedApplication,
						settings.gateway + settings.probePath, client).measure("probe-" + profile.name() + "-" + count);
				Step step = new Step(profile, count, rate, share, rss, heap, window, fullFetch, probe, gateway);
				say(Report.describe(step));
				steps.add(step);
			}
			say(profile.name() + ": cancelling " + fleet.size() + " instances");
		}
		return steps;
	}

	private Registry.Answer medianFullFetch() {
		Registry.Answer[] answers = { registry.fetchAll(), registry.fetchAll(), registry.fetchAll() };
		Arrays.sort(answers, (a, b) -> Long.compare(a.micros(), b.micros()));
		return answers[1];
	}

	private double cpuShareOver(Duration duration) throws InterruptedException {
		long before = registryProcess.cpuMillis();
		long started = System.nanoTime();
		Thread.sleep(duration.toMillis());
		return (registryProcess.cpuMillis() - before) / ((System.nanoTime() - started) / 1e6);
	}

	/**
	 * The same request anonymous, with the right credentials, and with a wrong password: each kind warmed up
	 * first, then three rounds alternating; per kind the median of the registry's CPU per request (less its
	 * idle rate), N requests a round from 4 clients at once.
	 */
	private List<CredentialCost> credentialCosts(double idleShare) throws Exception {
		List<String> kinds = List.of("anonymous GET /actuator/info", "GET /actuator/info with the right credentials",
				"GET /actuator/info with a wrong password");
		List<String> authorizations = Arrays.asList(null, Registry.basic(settings.user, settings.password),
				Registry.basic(settings.user, "wrong-password"));
		URI uri = URI.create(settings.registryRoot() + "/actuator/info");
		for (String authorization : authorizations) {
			sendAll(uri, authorization, settings.credentialRequests);
		}
		List<List<Double>> perRequest = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		List<Map<Integer, Integer>> statuses = List.of(new java.util.TreeMap<>(), new java.util.TreeMap<>(),
				new java.util.TreeMap<>());
		for (int round = 0; round < 3; round++) {
			for (int kind = 0; kind < kinds.size(); kind++) {
				long before = registryProcess.cpuMillis();
				long started = System.nanoTime();
				Map<Integer, Integer> counted = statuses.get(kind);
				sendAll(uri, authorizations.get(kind), settings.credentialRequests)
						.forEach((status, count) -> counted.merge(status, count, Integer::sum));
				double elapsedMillis = (System.nanoTime() - started) / 1e6;
				double cpu = registryProcess.cpuMillis() - before - idleShare * elapsedMillis;
				perRequest.get(kind).add(Math.max(0, cpu) / settings.credentialRequests);
			}
		}
		List<CredentialCost> costs = new ArrayList<>();
		for (int kind = 0; kind < kinds.size(); kind++) {
			List<Double> values = new ArrayList<>(perRequest.get(kind));
			values.sort(null);
			costs.add(new CredentialCost(kinds.get(kind), 3 * settings.credentialRequests, statuses.get(kind), values.get(1)));
		}
		return costs;
	}

	private Map<Integer, Integer> sendAll(URI uri, String authorization, int count) throws Exception {
		ExecutorService senders = Executors.newFixedThreadPool(4, SimulatedFleet.daemon("credential-client"));
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				answers.add(senders.submit(() -> {
					HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
							.header("Accept", "application/json");
					if (authorization != null) {
						request.header("Authorization", authorization);
					}
					try {
						return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
					}
					catch (IOException ex) {
						return 0;
					}
				}));
			}
			Map<Integer, Integer> statuses = new java.util.TreeMap<>();
			for (Future<Integer> answer : answers) {
				statuses.merge(answer.get(), 1, Integer::sum);
			}
			return statuses;
		}
		finally {
			senders.shutdownNow();
		}
	}

	/** wrk at saturation against the gateway's route to the real sample instances. */
	private double gatewayThroughput() throws IOException, InterruptedException {
		Process wrk = new ProcessBuilder(List.of(settings.wrk, "-t2", "-c" + settings.wrkConnections,
				"-d" + settings.wrkSeconds + "s", settings.gateway + settings.route)).redirectErrorStream(true).start();
		String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!wrk.waitFor(settings.wrkSeconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
			throw new IllegalStateException("wrk failed: " + output);
		}
		return requestsPerSecond(output);
	}

	static double requestsPerSecond(String wrkOutput) {
		double rate = WrkOutput.requestsPerSecondOf(wrkOutput)
				.orElseThrow(() -> new IllegalStateException("no Requests/sec in wrk's output: " + wrkOutput));
		if (wrkOutput.contains("Non-2xx or 3xx responses")) {
			throw new IllegalStateException("the gateway answered errors under wrk: " + wrkOutput);
		}
		return rate;
	}

	private static final long STARTED = System.nanoTime();

	static void say(String message) {
		System.out.printf("[fleet %5.0fs] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
	}

	/** The command line, checked before anything is measured or written. */
	static final class Settings {

		static final String USAGE = "usage: RegistryScale.run(--registry URL --user U --password P --registry-pid PID "
				+ "--gateway URL --out DIR [--steps-cloud 100,1000,2000,5000] [--steps-local 100,500,1000,2000,5000] "
				+ "[--window-cloud S] [--window-local S] [--settle S] [--idle S] [--wrk-seconds S] "
				+ "[--wrk-connections C] [--credential-requests N] [--workers N] [--wrk PATH] [--label TEXT])";

		String registry;
		String user;
		String password;
		long registryPid;
		String gateway;
		String route = "/hello";
		String probePath = "/hello/id";
		String routedApplication = "SAMPLE-SERVICE";
		Path out;
		int[] cloudSteps = { 100, 1000, 2000, 5000 };
		int[] localSteps = { 100, 500, 1000, 2000, 5000 };
		int cloudWindowSeconds = 60;
		int localWindowSeconds = 30;
		int settleSeconds = 40;
		int idleSeconds = 30;
		int wrkSeconds = 20;
		int wrkConnections = 32;
		int credentialRequests = 3000;
		int workers = 32;
		String wrk = "wrk";
		String label = "";

		String registryRoot() {
			return registry.replaceFirst("/eureka/?$", "");
		}

		static Settings parse(String[] arguments) {
			Map<String, String> values = new LinkedHashMap<>();
			for (int i = 0; i < arguments.length; i++) {
				if (!arguments[i].startsWith("--") || i + 1 >= arguments.length) {
					throw new IllegalArgumentException("expected --name value, found '" + arguments[i] + "'");
				}
				values.put(arguments[i].substring(2), arguments[++i]);
			}
			Settings settings = new Settings();
			settings.registry = required(values, "registry");
			settings.user = required(values, "user");
			settings.password = required(values, "password");
			settings.registryPid = positive(values.remove("registry-pid"), "registry-pid", 0);
			settings.gateway = required(values, "gateway").replaceFirst("/$", "");
			settings.out = Path.of(required(values, "out"));
			settings.cloudSteps = steps(values.remove("steps-cloud"), "steps-cloud", settings.cloudSteps);
			settings.localSteps = steps(values.remove("steps-local"), "steps-local", settings.localSteps);
			settings.cloudWindowSeconds = (int) positive(values.remove("window-cloud"), "window-cloud", settings.cloudWindowSeconds);
			settings.localWindowSeconds = (int) positive(values.remove("window-local"), "window-local", settings.localWindowSeconds);
			settings.settleSeconds = (int) positive(values.remove("settle"), "settle", settings.settleSeconds);
			settings.idleSeconds = (int) positive(values.remove("idle"), "idle", settings.idleSeconds);
			settings.wrkSeconds = (int) positive(values.remove("wrk-seconds"), "wrk-seconds", settings.wrkSeconds);
			settings.wrkConnections = (int) positive(values.remove("wrk-connections"), "wrk-connections", settings.wrkConnections);
			settings.credentialRequests = (int) positive(values.remove("credential-requests"), "credential-requests",
					settings.credentialRequests);
			settings.workers = (int) positive(values.remove("workers"), "workers", settings.workers);
			settings.wrk = values.getOrDefault("wrk", settings.wrk);
			values.remove("wrk");
			settings.label = values.getOrDefault("label", "");
			values.remove("label");
			if (!values.isEmpty()) {
				throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", values.keySet()));
			}
			for (String url : List.of(settings.registry, settings.gateway)) {
				if (!url.matches("http://(127\\.0\\.0\\.1|localhost)(:\\d+)?(/.*)?")) {
					throw new IllegalArgumentException("'" + url + "' is not a loopback http:// URL");
				}
			}
			return settings;
		}

		private static String required(Map<String, String> values, String name) {
			String value = values.remove(name);
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException("--" + name + " is required");
			}
			return value;
		}

		private static long positive(String value, String name, long fallback) {
			if (value == null) {
				if (fallback <= 0) {
					throw new IllegalArgumentException("--" + name + " is required");
				}
				return fallback;
			}
			if (!value.matches("[1-9][0-9]{0,9}")) {
				throw new IllegalArgumentException("--" + name + " must be a positive whole number, not '" + value + "'");
			}
			return Long.parseLong(value);
		}

		private static int[] steps(String value, String name, int[] fallback) {
			if (value == null) {
				return fallback;
			}
			if (!value.matches("[1-9][0-9]{0,5}(,[1-9][0-9]{0,5})*")) {
				throw new IllegalArgumentException("--" + name + " must be rising instance counts like 100,1000, not '" + value + "'");
			}
			int[] steps = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
			for (int i = 1; i < steps.length; i++) {
				if (steps[i] <= steps[i - 1]) {
					throw new IllegalArgumentException("--" + name + " must rise: " + value);
				}
			}
			return steps;
		}

	}

}
