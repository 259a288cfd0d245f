package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.LoadGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tutorial walkthrough users know, replayed through the edge gateway on real processes: routing, round
 * robin, refresh, scaling out and in, a crash under load, every instance gone, what must stay unreachable, and the
 * template's example resource with its ETags and API document.
 * Each test starts from two instances in the gateway's rotation and the kit's configuration.
 */
class WalkthroughIT {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static Platform platform;
	private static ServiceProcess gateway;
	private List<ServiceProcess> instances;

	@BeforeAll
	static void startPlatform() {
		platform = new Platform();
		platform.startConfigServer();
		platform.startDiscovery();
		platform.configServer().awaitHealthy(Platform.START_TIMEOUT);
		platform.discovery().awaitHealthy(Platform.START_TIMEOUT);
		gateway = platform.startGateway();
		gateway.awaitHealthy(Platform.START_TIMEOUT);
	}

	@BeforeEach
	void twoInstancesInRotationAndTheKitsConfiguration() {
		platform.restoreConfiguration(gateway);
		instances = platform.sampleFleet(2);
		platform.awaitRotation(Platform.instanceIds(instances), Duration.ofSeconds(45));
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void helloAnswersTheMessageAndIdAlternatesAcrossTwoInstances() {
		Set<String> expected = Platform.instanceIds(instances);
		platform.awaitRotation(expected, Duration.ofSeconds(30));
		assertThat(Http.require(platform.gatewayUrl("/hello")).body())
				.isEqualTo(platform.config().property("sample-service.yml", "message"));
		// An instance an earlier test stopped can stay in the gateway's list for seconds, its turn retried on the next
		// instance, which then answers twice in a row: first a round that alternates, then the one checked.
		Poll.until(Duration.ofSeconds(30), WalkthroughIT::sixIdsThroughTheGateway,
				ids -> Platform.alternates(ids) && new HashSet<>(ids).equals(expected), "the gateway's list holds only " + expected);
		List<String> answers = sixIdsThroughTheGateway();
		assertThat(Platform.alternates(answers)).as("round robin: %s", answers).isTrue();
		assertThat(new HashSet<>(answers)).isEqualTo(expected);
	}

	private static List<String> sixIdsThroughTheGateway() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Http.Response response = Http.require(platform.gatewayUrl("/hello/id"));
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("X-Served-By")).as("X-Served-By header").isNotBlank();
			ids.add(response.body());
		}
		return ids;
	}

	@Test
	void aCommittedMessageReachesClientsAfterTheInstancesAreRefreshed() {
		String message = "Walkthrough message " + System.nanoTime();
		platform.config().commit("sample-service.yml", "message: " + message + "\n", "New message");
		for (ServiceProcess instance : instances) {
			assertThat(platform.refresh(instance)).contains("\"message\"");
		}
		for (int i = 0; i < 4; i++) {
			assertThat(Http.require(platform.gatewayUrl("/hello")).body()).isEqualTo(message);
		}
	}

	@Test
	void pathsThatAreNotRoutedAreNotReachable() {
		for (String path : List.of("/sample-service/", "/sample-service/id", "/hello/actuator/env",
				"/hello/actuator/health", "/hello/actuator/refresh", "/hello/actuator/bus-refresh", "/eureka/apps", "/hello/eureka/apps",
				"/config-server/sample-service/default", "/discovery-service/eureka/apps", "/nothing-here")) {
			Http.Response response = Http.require(platform.gatewayUrl(path));
			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).doesNotContain("propertySources", "applications", "\"UP\"",
					"\tat ", "Exception");
		}
	}

	@Test
	void aNewInstanceReceivesTrafficAndAGracefullyStoppedOneCostsNothing() {
		ServiceProcess third = platform.startSampleInstance().awaitHealthy(Platform.START_TIMEOUT);
		try {
			long healthyAt = System.nanoTime();
			String thirdId = Http.require(third.url("/id")).body();
			Poll.until(Duration.ofSeconds(30), () -> Http.require(platform.gatewayUrl("/hello/id")).body(),
					thirdId::equals, "the gateway routes to the new instance " + thirdId);
			System.out.printf("WalkthroughIT (observed): new instance received traffic %.1f s after it was healthy%n",
					(System.nanoTime() - healthyAt) / 1e9);

			try (LoadGenerator load = LoadGenerator.start(platform.gatewayUrl("/hello/id"), 20, Duration.ofSeconds(15))) {
				Kit.pause(Duration.ofSeconds(3));
				instances.get(0).stop();
				LoadGenerator.Summary summary = load.await();
				System.out.println("WalkthroughIT (observed): graceful stop of one of three instances under 20 req/s: " + summary);
				assertThat(summary.succeeded()).as(summary.toString()).isEqualTo(summary.sent());
			}
		}
		finally {
			third.stop();
		}
	}

	@Test
	void aCrashUnderSteadyLoadCostsClientsNothing() {
		try (LoadGenerator load = LoadGenerator.start(platform.gatewayUrl("/hello/id"), 20, Duration.ofSeconds(20))) {
			Kit.pause(Duration.ofSeconds(5));
			instances.get(0).kill();
			LoadGenerator.Summary summary = load.await();
			System.out.println("WalkthroughIT (observed): kill -9 of one of two instances under 20 req/s for 20 s: " + summary);
			assertThat(summary.succeeded()).as(summary.toString()).isEqualTo(summary.sent());
		}
	}

	@Test
	void withNoInstanceLeftTheGatewayFallsBackQuicklyAndRecovers() throws Exception {
		instances.parallelStream().forEach(ServiceProcess::stop);
		for (int i = 0; i < 10; i++) {
			long started = System.nanoTime();
			Http.Response response = Http.require(platform.gatewayUrl("/hello"));
			long millis = (System.nanoTime() - started) / 1_000_000;
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.header("Content-Type")).startsWith("application/json");
			assertThat(response.body()).contains("\"route\"").doesNotContain("\tat ", "Exception");
			assertThat(millis).as("fallback answered within 1 s").isLessThan(1000);
		}
		assertThat(Http.require("http://127.0.0.1:" + platform.gatewayPort + "/actuator/health").body()).contains("\"UP\"");

		platform.sampleFleet(1);
		Poll.until(Duration.ofSeconds(45), () -> Http.require(platform.gatewayUrl("/hello")).status(),
				status -> status == 200, "traffic recovers once an instance is back");
	}

	@Test
	void loadSheddingAndRateLimitingAnswerWithRetryAfterOnceTheirBoundsAreExceeded() throws Exception {
		// Hystrix's 10 s rolling window forgets whatever failures came before (a burst on top of them would
		// open the circuit instead of meeting the in-flight bound).
		Kit.pause(Duration.ofSeconds(11));
		platform.config().commitProperty("edge-gateway.yml", "kit.gateway.max-in-flight-per-route", 1);
		refreshGateway();
		List<Http.Response> burst = concurrently(64, () -> Http.require(platform.gatewayUrl("/hello")));
		assertThat(burst).anySatisfy(response -> {
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.header("Retry-After")).isNotBlank();
		});
		assertThat(burst).allSatisfy(response -> assertThat(response.status()).isIn(200, 503));

		platform.config().commitProperty("edge-gateway.yml", "kit.gateway.max-in-flight-per-route", 100);
		platform.config().commitProperty("edge-gateway.yml", "kit.gateway.rate-limit.enabled", true);
		platform.config().commitProperty("edge-gateway.yml", "kit.gateway.rate-limit.capacity", 5);
		platform.config().commitProperty("edge-gateway.yml", "kit.gateway.rate-limit.refill-per-second", 1);
		refreshGateway();
		List<Integer> statuses = new ArrayList<>();
		Http.Response limited = null;
		for (int i = 0; i < 10; i++) {
			Http.Response response = Http.require(platform.gatewayUrl("/hello"));
			statuses.add(response.status());
			if (response.status() == 429) {
				limited = response;
			}
		}
		assertThat(statuses).as("statuses").contains(200).contains(429);
		assertThat(limited.header("Retry-After")).isNotBlank();
	}

	@Test
	void itemsAnswerNotModifiedThroughTheGatewayAndANewItemChangesTheListsETag() throws Exception {
		// Each instance keeps its own list: every ETag is compared with the one the same instance answered before.
		Map<String, String> etags = new HashMap<>();
		for (int i = 0; i < 10 && etags.size() < instances.size(); i++) {
			Http.Response list = Http.require(platform.gatewayUrl("/hello/items"));
			assertThat(list.status()).isEqualTo(200);
			assertThat(list.header("ETag")).as("ETag").startsWith("\"");
			etags.putIfAbsent(list.header("X-Served-By"), list.header("ETag"));
		}
		assertThat(etags).hasSize(instances.size());
		etags.forEach((instance, etag) -> {
			Http.Response unchanged = fromInstance(instance, get("/hello/items").header("If-None-Match", etag));
			assertThat(unchanged.status()).as(instance).isEqualTo(304);
			assertThat(unchanged.header("ETag")).isEqualTo(etag);
			assertThat(unchanged.body()).isEmpty();
		});

		Http.Response added = Http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl("/hello/items")))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"walkthrough\",\"quantity\":2}")))
				.orElseThrow();
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		String location = added.header("Location");
		assertThat(location).as("the item's URL through the gateway").startsWith(platform.gatewayUrl("/hello/items/"));
		String owner = added.header("X-Served-By");

		Http.Response changed = fromInstance(owner, get("/hello/items").header("If-None-Match", etags.get(owner)));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.header("ETag")).isNotBlank().isNotEqualTo(etags.get(owner));
		assertThat(changed.body()).contains("walkthrough");
		assertThat(fromInstance(owner, HttpRequest.newBuilder(URI.create(location))).body()).contains("walkthrough");
	}

	@Test
	void theGatewaysSwaggerUiListsTheServicesDocumentWhichPointsBackAtTheGateway() throws Exception {
		JsonNode config = JSON.readTree(Http.require(platform.gatewayUrl("/v3/api-docs/swagger-config")).body());
		List<String> listed = new ArrayList<>();
		config.path("urls").forEach(url -> listed.add(url.path("name").asText() + "=" + url.path("url").asText()));
		assertThat(listed).containsExactly("sample-service=/hello/v3/api-docs");

		Http.Response document = platform.awaitRouting("/hello/v3/api-docs", Duration.ofSeconds(30));
		JsonNode openApi = JSON.readTree(document.body());
		assertThat(openApi.path("openapi").asText()).startsWith("3.");
		assertThat(openApi.at("/servers/0/url").asText()).isEqualTo(platform.gatewayUrl("/hello"));
		assertThat(openApi.path("paths").has("/items")).isTrue();

		Http.Response page = Http.require(platform.gatewayUrl("/swagger-ui/index.html"));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(Http.require(platform.gatewayUrl("/swagger-ui.html")).header("Location")).contains("/swagger-ui/index.html");
	}

	private static HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create(platform.gatewayUrl(path))).GET();
	}

	/** The gateway's answer from this instance (X-Served-By): round robin hands it every other request. */
	private Http.Response fromInstance(String instance, HttpRequest.Builder request) {
		return Poll.until(Duration.ofSeconds(10), () -> Http.send(request).orElseThrow(),
				response -> instance.equals(response.header("X-Served-By")), "an answer from " + instance);
	}

	private static void refreshGateway() {
		platform.refresh(gateway);
	}

	private static <T> List<T> concurrently(int count, Callable<T> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(pool.submit(call));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
