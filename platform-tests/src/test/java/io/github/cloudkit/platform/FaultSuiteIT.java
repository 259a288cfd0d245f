package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.LoadGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cattle promise, counted: a steady stream of requests through the gateway while one fault at a time is
 * injected into a platform of real processes. Each test starts from every service running, three instances in
 * rotation and the kit's configuration. Prints one table of what was observed; fails when a promised count is
 * missed. Alone: ./mvnw -B verify -Dit.test=FaultSuiteIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * (one fault: -Dit.test=FaultSuiteIT#zipkinDown).
 */
class FaultSuiteIT {

	private static final int RATE = 20;
	/** A client with a wrong password hammers the registry (25/s took both cores while every check ran BCrypt). */
	private static final int FLOOD_RATE = 200;
	private static final Duration FLOOD_DURATION = Duration.ofSeconds(60);
	/** The route's budget: Hystrix's timeout in config-repo/edge-gateway.yml, plus a second for a loaded machine. */
	private static final long BUDGET_MILLIS = 8000 + 1000;
	/**
	 * Accepted requests of a burst also wait for a Tomcat thread (and, on two busy cores, for the CPU) before the
	 * gateway even counts them; the bound is the client's own timeout, well short of "forever".
	 */
	private static final long BURST_BOUND_MILLIS = 20_000;

	/** Long enough for a broker to start and every consumer to reconnect (its recovery interval is 5 s). */
	private static final Duration BUS_CATCH_UP = Duration.ofSeconds(60);

	private static Platform platform;
	private static ServiceProcess broker;
	private static ServiceProcess zipkin;
	private static ServiceProcess gateway;
	/** One row per fault, printed once at the end: a report, not state a test reads. */
	private static final List<String[]> table = new ArrayList<>();
	private List<ServiceProcess> instances;

	@BeforeAll
	static void startPlatform() {
		platform = new Platform();
		broker = platform.startBroker();
		zipkin = platform.startZipkin();
		platform.startConfigServer();
		platform.startDiscovery();
		gateway = platform.startGateway();
		List.of(broker, zipkin, platform.configServer(), platform.discovery(), gateway)
				.forEach(process -> process.awaitHealthy(Platform.START_TIMEOUT));
	}

	@BeforeEach
	void everyServiceRunningThreeInstancesInRotation() {
		if (!broker.isAlive()) {
			broker = platform.startBroker().awaitHealthy(Platform.START_TIMEOUT);
		}
		if (!zipkin.isAlive()) {
			zipkin = platform.startZipkin().awaitHealthy(Platform.START_TIMEOUT);
		}
		if (!platform.configServer().isAlive()) {
			platform.startConfigServer().awaitHealthy(Platform.START_TIMEOUT);
		}
		if (!platform.discovery().isAlive()) {
			platform.startDiscovery().awaitHealthy(Platform.START_TIMEOUT);
		}
		if (platform.restoreConfiguration(gateway)) {
			// The restoring commit's refresh also travels on the bus: not while the next fault's load runs.
			Kit.pause(Duration.ofSeconds(3));
		}
		instances = platform.sampleFleet(3);
		platform.awaitRotation(Platform.instanceIds(instances), Duration.ofSeconds(45));
	}

	@AfterAll
	static void stopPlatform() {
		printTable();
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void killMinus9OfOneOfThreeInstances() {
		LoadGenerator.Summary summary = underLoad(() -> instances.get(0).kill(), Duration.ofSeconds(12));
		record("kill -9 of 1 of 3 instances", summary, "0 failed, 0 fallbacks", summary.succeeded() == summary.sent(), "");
		assertThat(summary.succeeded()).as(summary.toString()).isEqualTo(summary.sent());
	}

	@Test
	void rollingRestartOfEveryInstance() {
		LoadGenerator.Summary summary = underLoad(() -> {
			for (ServiceProcess old : instances) {
				ServiceProcess replacement = platform.startSampleInstance().awaitHealthy(Platform.START_TIMEOUT);
				platform.addToFleet(replacement);
				awaitRegistered(replacement);
				Kit.pause(Duration.ofSeconds(6)); // the gateway's registry fetch (3 s) plus Ribbon's refresh (2 s)
				old.stop();
			}
		}, Duration.ofSeconds(6));
		record("rolling restart of 3 instances", summary, "0 failed, 0 fallbacks", summary.succeeded() == summary.sent(), "");
		assertThat(summary.succeeded()).as(summary.toString()).isEqualTo(summary.sent());
	}

	@Test
	void registryDownForSixtySeconds() {
		long[] reRegisteredMillis = { -1 };
		LoadGenerator.Summary summary = underLoad(() -> {
			platform.discovery().stop();
			Kit.pause(Duration.ofSeconds(60));
			platform.startDiscovery().awaitHealthy(Platform.START_TIMEOUT);
			long back = System.nanoTime();
			Set<String> expected = Platform.instanceIds(instances);
			Poll.until(Duration.ofSeconds(30), () -> new HashSet<>(platform.registeredInstances("SAMPLE-SERVICE")),
					registered -> registered.containsAll(expected) && !platform.registeredInstances("EDGE-GATEWAY").isEmpty(),
					"every service registered again within 30 s");
			reRegisteredMillis[0] = (System.nanoTime() - back) / 1_000_000;
		}, Duration.ofSeconds(3));
		boolean kept = summary.succeeded() == summary.sent() && reRegisteredMillis[0] >= 0;
		record("registry down 60 s", summary, "0 failed; all re-registered <= 30 s", kept,
				"re-registered in " + reRegisteredMillis[0] / 1000.0 + " s");
		assertThat(summary.succeeded()).as(summary.toString()).isEqualTo(summary.sent());
	}

	@Test
	void configServerDown() {
		String before = Http.require(instances.get(0).url("/")).body();
		String[] refreshOutcome = { "" };
		ServiceProcess[] late = { null };
		LoadGenerator.Summary summary = underLoad(() -> {
			platform.configServer().stop();
			platform.config().commitProperty("sample-service.yml", "message", "committed while the config server was down");
			long started = System.nanoTime();
			Http.Response refresh = Http.post(instances.get(0).url("/actuator/refresh"), platform.managementUser)
					.orElse(new Http.Response(0, "", null));
			long millis = (System.nanoTime() - started) / 1_000_000;
			refreshOutcome[0] = "refresh answered " + refresh.status() + " in " + millis + " ms";
			assertThat(refresh.status()).as(refreshOutcome[0]).isNotEqualTo(200).isNotZero();
			assertThat(millis).as("a refresh fails at once, it does not retry for minutes").isLessThan(15_000);
			late[0] = platform.startSampleInstance();
			Kit.pause(Duration.ofSeconds(10));
			assertThat(late[0].isAlive()).as("an instance started during the outage waits for the config server").isTrue();
			platform.startConfigServer().awaitHealthy(Platform.START_TIMEOUT);
		}, Duration.ofSeconds(3));
		assertThat(Http.require(instances.get(0).url("/")).body()).as("the old value stays in place").isEqualTo(before);
		late[0].awaitHealthy(Platform.START_TIMEOUT);
		platform.addToFleet(late[0]);
		record("config server down", summary, "0 failed; refresh fails at once; late instance starts", summary.succeeded() == summary.sent(),
				refreshOutcome[0] + "; late instance up");
		assertThat(summary.succeeded()).as(summary.toString()).isEqualTo(summary.sent());
	}

	@Test
	void aSlowInstanceAndABulkheadForTheOtherRoute() {
		ServiceProcess greeting = platform.startSampleInstance("--spring.application.name=greeting-service",
				"--message=Greetings from a second service");
		ServiceProcess slow = platform.startSampleInstance("--spring.profiles.active=chaos");
		try {
			slowInstanceBesideABulkheadedRoute(greeting, slow);
		}
		finally {
			slow.stop();
			greeting.stop();
		}
	}

	private void slowInstanceBesideABulkheadedRoute(ServiceProcess greeting, ServiceProcess slow) {
		greeting.awaitHealthy(Platform.START_TIMEOUT);
		slow.awaitHealthy(Platform.START_TIMEOUT);
		platform.config().commitProperty("edge-gateway.yml", "zuul.routes.greeting.path", "/greeting/**");
		platform.config().commitProperty("edge-gateway.yml", "zuul.routes.greeting.serviceId", "greeting-service");
		platform.refresh(gateway);
		String greetingId = Http.require(greeting.url("/id")).body();
		Poll.until(Duration.ofSeconds(30), () -> platform.registeredInstances("GREETING-SERVICE"),
				ids -> ids.contains(greetingId), "greeting-service registered");
		// The route's Ribbon client is created on its first request, then learns the instance from the registry.
		Poll.until(Duration.ofSeconds(60), () -> Http.require(platform.gatewayUrl("/greeting")).status(), status -> status == 200,
				"the new route answers");
		awaitRegistered(slow);
		Kit.pause(Duration.ofSeconds(6));

		try (LoadGenerator other = LoadGenerator.start(platform.gatewayUrl("/greeting"), 5, Duration.ofSeconds(20))) {
			LoadGenerator.Summary summary = underLoad(() -> Kit.pause(Duration.ofSeconds(14)), Duration.ofSeconds(0));
			LoadGenerator.Summary healthyRoute = other.await();
			boolean kept = summary.failedCount() == 0 && summary.longestMillis() <= BUDGET_MILLIS
					&& healthyRoute.succeeded() == healthyRoute.sent() && healthyRoute.longestMillis() < 1500;
			record("1 slow instance (3 s latency)", summary, "0 failed; answers within the route's budget", kept,
					"other route: " + healthyRoute.succeeded() + "/" + healthyRoute.sent() + " ok, longest "
							+ healthyRoute.longestMillis() + " ms");
			assertThat(summary.failedCount()).as(summary.toString()).isZero();
			assertThat(summary.longestMillis()).as(summary.toString()).isLessThanOrEqualTo(BUDGET_MILLIS);
			assertThat(healthyRoute.succeeded()).as(healthyRoute.toString()).isEqualTo(healthyRoute.sent());
			assertThat(healthyRoute.longestMillis()).as("the healthy route keeps its latency: " + healthyRoute).isLessThan(1500);
		}
	}

	@Test
	void overloadFarBeyondTheSheddingBound() throws Exception {
		int burst = 600;
		// A bound the burst must exceed: with the kit's 100, 600 fast requests on a warm gateway may all be
		// answered without 100 ever in flight at once, and the row would show no shedding at all.
		int bound = 20;
		platform.config().commitProperty("edge-gateway.yml", "kit.gateway.max-in-flight-per-route", bound);
		platform.refresh(gateway);
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
		List<CompletableFuture<long[]>> answers = new ArrayList<>();
		for (int i = 0; i < burst; i++) {
			long started = System.nanoTime();
			answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(platform.gatewayUrl("/hello/id")))
					.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
					.thenApply(response -> new long[] { response.statusCode(), (System.nanoTime() - started) / 1_000_000 })
					.exceptionally(failure -> new long[] { 0, (System.nanoTime() - started) / 1_000_000 }));
		}
		Map<Long, Integer> statuses = new TreeMap<>();
		long longestAccepted = 0;
		for (CompletableFuture<long[]> answer : answers) {
			long[] outcome = answer.get();
			statuses.merge(outcome[0], 1, Integer::sum);
			if (outcome[0] == 200) {
				longestAccepted = Math.max(longestAccepted, outcome[1]);
			}
		}
		int shed = statuses.getOrDefault(503L, 0) + statuses.getOrDefault(429L, 0);
		int other = burst - statuses.getOrDefault(200L, 0) - shed;
		assertThat(Http.require(gateway.url("/actuator/health")).body()).contains("\"UP\"");
		LoadGenerator.Summary after = underLoad(() -> { }, Duration.ofSeconds(10));
		long rss = gateway.residentMegabytes();
		boolean kept = shed > 0 && other == 0 && after.succeeded() == after.sent() && longestAccepted <= BURST_BOUND_MILLIS;
		table.add(new String[] { "overload: " + burst + " at once, bound " + bound, Integer.toString(burst),
				Integer.toString(statuses.getOrDefault(200L, 0)), shed + " shed", Integer.toString(other),
				Long.toString(longestAccepted), "some shed, only 200/503/429; normal right after", kept ? "yes" : "NO",
				"statuses " + statuses + "; then " + after.succeeded() + "/" + after.sent() + " ok; gateway RSS " + rss + " MB" });
		assertThat(shed).as("requests shed beyond the in-flight bound: " + statuses).isPositive();
		assertThat(other).as("answers other than 200, 503 and 429: " + statuses).isZero();
		assertThat(after.succeeded()).as("right after the burst: " + after).isEqualTo(after.sent());
		assertThat(longestAccepted).as("the slowest accepted request of the burst").isLessThanOrEqualTo(BURST_BOUND_MILLIS);
	}

	@Test
	void aFloodOfWrongPasswordsAgainstTheRegistry() {
		Set<String> expected = Platform.instanceIds(instances);
		List<String> missing = new ArrayList<>();
		LoadGenerator.Summary[] flood = { null };
		long[] registryCpuMillis = { 0 };
		LoadGenerator.Summary summary = underLoad(() -> {
			long cpuBefore = platform.discovery().cpuMillis();
			try (LoadGenerator wrong = LoadGenerator.start(platform.discovery().url("/eureka/apps"), FLOOD_RATE,
					FLOOD_DURATION, new Http.Credentials(platform.eurekaUser.user(), Kit.wrongPassword()))) {
				// Heartbeats must keep every instance listed while the flood lasts, not only afterwards.
				for (int check = 0; check < FLOOD_DURATION.toSeconds() / 5; check++) {
					Kit.pause(Duration.ofSeconds(5));
					Set<String> listed = new HashSet<>(platform.registeredInstances("SAMPLE-SERVICE"));
					if (!listed.containsAll(expected)) {
						missing.add("after " + (check + 1) * 5 + " s: listed " + listed);
					}
				}
				flood[0] = wrong.await();
			}
			registryCpuMillis[0] = platform.discovery().cpuMillis() - cpuBefore;
		}, Duration.ofSeconds(3));
		int refused = flood[0].statuses().getOrDefault(401, 0);
		String cpuShare = String.format("%.1f %%", 100.0 * registryCpuMillis[0] / FLOOD_DURATION.toMillis());
		boolean kept = summary.succeeded() == summary.sent() && refused == flood[0].sent() && missing.isEmpty();
		record("wrong passwords at the registry", summary, "0 failed; every answer 401; all instances listed", kept,
				FLOOD_RATE + "/s for " + FLOOD_DURATION.toSeconds() + " s: " + flood[0].statuses() + "; registry CPU "
						+ cpuShare + " of a core meanwhile");
		assertThat(summary.succeeded()).as(summary.toString()).isEqualTo(summary.sent());
		assertThat(refused).as("the flood's answers: " + flood[0].statuses()).isEqualTo(flood[0].sent());
		assertThat(missing).as("instances missing from the registry during the flood").isEmpty();
	}

	@Test
	void brokerDownWhileACommitIsMade() {
		String message = "committed while the broker was down, " + System.nanoTime();
		long[] caughtUpMillis = { -1 };
		LoadGenerator.Summary summary = underLoad(() -> {
			broker.stop();
			platform.config().commitProperty("sample-service.yml", "message", message);
			Kit.pause(Duration.ofSeconds(10));
			broker = platform.startBroker().awaitHealthy(Platform.START_TIMEOUT);
			long back = System.nanoTime();
			awaitEveryInstanceAnswers(message);
			caughtUpMillis[0] = (System.nanoTime() - back) / 1_000_000;
		}, Duration.ofSeconds(3));
		record("broker down 10 s, a commit meanwhile", summary, "0 failed; the commit reaches all 3 once it is back",
				summary.succeeded() == summary.sent(), "3 of 3 instances applied it " + caughtUpMillis[0] / 1000.0
						+ " s after the broker was back (they refresh on reconnect)");
		assertThat(summary.succeeded()).as(summary.toString()).isEqualTo(summary.sent());
	}

	@Test
	void brokerRestartLeavesNobodyDeaf() {
		String message = "committed after the broker restarted, " + System.nanoTime();
		long[] reachedMillis = { -1 };
		LoadGenerator.Summary summary = underLoad(() -> {
			Map<ServiceProcess, Double> before = new java.util.HashMap<>();
			instances.forEach(instance -> before.put(instance, platform.refreshCount(instance, "applied")));
			broker.kill();
			broker = platform.startBroker().awaitHealthy(Platform.START_TIMEOUT);
			// Every instance back on the bus: each refreshes once when its consumer is.
			Poll.until(BUS_CATCH_UP, () -> instances.stream().filter(i -> platform.refreshCount(i, "applied") > before.get(i)).count(),
					reconnected -> reconnected == instances.size(), "every instance reconnected to the restarted broker");
			long committed = System.nanoTime();
			platform.config().commitProperty("sample-service.yml", "message", message);
			awaitEveryInstanceAnswers(message);
			reachedMillis[0] = (System.nanoTime() - committed) / 1_000_000;
		}, Duration.ofSeconds(3));
		record("broker kill -9 and restart", summary, "0 failed; a commit after it reaches all 3",
				summary.succeeded() == summary.sent(), "3 of 3 reconnected; the next commit reached them in "
						+ reachedMillis[0] / 1000.0 + " s");
		assertThat(summary.succeeded()).as(summary.toString()).isEqualTo(summary.sent());
	}

	private void awaitEveryInstanceAnswers(String message) {
		Poll.until(BUS_CATCH_UP, () -> instances.stream().filter(instance -> Http.get(instance.url("/"))
				.map(Http.Response::body).filter(message::equals).isPresent()).count(),
				count -> count == instances.size(), "every instance answers '" + message + "'");
	}

	@Test
	void zipkinDown() {
		LoadGenerator.Summary summary = underLoad(zipkin::stop, Duration.ofSeconds(10));
		record("Zipkin down", summary, "0 failed", summary.succeeded() == summary.sent(), "");
		assertThat(summary.succeeded()).as(summary.toString()).isEqualTo(summary.sent());
	}

	/** 3 s of steady load, the fault, then {@code after} more, at {@link #RATE} requests a second. */
	private static LoadGenerator.Summary underLoad(Runnable fault, Duration after) {
		try (LoadGenerator load = LoadGenerator.start(platform.gatewayUrl("/hello/id"), RATE, Duration.ofMinutes(10))) {
			Kit.pause(Duration.ofSeconds(3));
			fault.run();
			Kit.pause(after);
			load.stopSending();
			return load.await();
		}
	}

	private static void record(String fault, LoadGenerator.Summary summary, String promise, boolean kept, String notes) {
		table.add(new String[] { fault, Integer.toString(summary.sent()), Integer.toString(summary.succeeded()),
				Integer.toString(summary.fellBack()), summary.failedCount() + (summary.failed().isEmpty() ? "" : " " + summary.failed()),
				Long.toString(summary.longestMillis()), promise, kept ? "yes" : "NO", notes });
	}

	private static void printTable() {
		StringBuilder out = new StringBuilder("\nFault suite, as observed in this run (" + RATE + " req/s through the gateway to /hello/id)\n");
		String format = "| %-31s | %5s | %9s | %9s | %6s | %10s | %-52s | %-4s | %s%n";
		out.append(String.format(format, "fault", "sent", "succeeded", "fell back", "failed", "longest ms", "promise", "kept", "notes"));
		table.forEach(row -> out.append(String.format(format, (Object[]) row)));
		System.out.println(out);
	}

	private static void awaitRegistered(ServiceProcess instance) {
		String id = Http.require(instance.url("/id")).body();
		Poll.until(Duration.ofSeconds(30), () -> platform.registeredInstances("SAMPLE-SERVICE"), ids -> ids.contains(id),
				id + " registered");
	}

}
