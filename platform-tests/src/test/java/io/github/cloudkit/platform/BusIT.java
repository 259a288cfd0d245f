package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.cloudkit.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A commit reaches every instance with nothing else done: the config server notices it on its repository's label and
 * publishes a refresh on Spring Cloud Bus, through a real AMQP broker (the message-broker module, as ./platform starts
 * it), for exactly the applications whose files changed. Each test starts from three sample instances, the gateway
 * and the kit's configuration.
 */
class BusIT {

	/** The goal on an idle laptop is 5 s; a loaded CI machine gets more before the test fails (the time is printed). */
	private static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(30);

	/** After the instances changed, how long a service that should not refresh is given to do so anyway. */
	private static final Duration GRACE = Duration.ofSeconds(3);

	private static Platform platform;
	private static ServiceProcess gateway;
	private List<ServiceProcess> instances;

	@BeforeAll
	static void startPlatform() {
		platform = new Platform();
		ServiceProcess broker = platform.startBroker();
		ServiceProcess configServer = platform.startConfigServer();
		ServiceProcess discovery = platform.startDiscovery();
		for (ServiceProcess service : List.of(broker, configServer, discovery)) {
			service.awaitHealthy(Platform.START_TIMEOUT);
		}
		gateway = platform.startGateway();
		gateway.awaitHealthy(Platform.START_TIMEOUT);
	}

	@BeforeEach
	void threeInstancesAndTheKitsConfiguration() {
		// Returns once the restoring commit's own refresh over the bus has been applied: none lands in a test's counts.
		platform.restoreConfiguration(gateway);
		instances = platform.sampleFleet(3);
		platform.awaitRotation(Platform.instanceIds(instances), Platform.START_TIMEOUT);
		String message = String.valueOf(platform.config().property("sample-service.yml", "message"));
		awaitMessage(message);
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void aCommitReachesEveryInstanceWithNoRefreshCall() {
		double gatewayRefreshes = platform.refreshCount(gateway, "applied");
		String message = "Changed by a commit only, " + System.nanoTime();

		long committed = System.nanoTime();
		platform.config().commitProperty("sample-service.yml", "message", message);
		awaitMessage(message);
		long millis = (System.nanoTime() - committed) / 1_000_000;
		System.out.printf("BUS commit to the last of %d instances changed: %d ms (goal 5000 ms)%n", instances.size(), millis);

		for (int i = 0; i < instances.size() * 2; i++) {
			assertThat(Http.require(platform.gatewayUrl("/hello")).body()).as("through the gateway").isEqualTo(message);
		}
		Kit.pause(GRACE);
		assertThat(platform.refreshCount(gateway, "applied")).as("the gateway was not refreshed: its files did not change")
				.isEqualTo(gatewayRefreshes);
	}

	@Test
	void aCommitToTheSharedFileRefreshesEveryService() {
		List<ServiceProcess> services = new ArrayList<>(instances);
		services.add(gateway);
		services.add(platform.discovery());
		Map<ServiceProcess, Double> before = refreshCounts(services);

		platform.config().commit("application.yml",
				platform.config().content("application.yml") + "\nbus-test-marker: " + System.nanoTime() + "\n",
				"A change every service shares");

		Poll.until(PROPAGATION_LIMIT, () -> refreshCounts(services),
				counts -> counts.entrySet().stream().allMatch(count -> count.getValue() > before.get(count.getKey())),
				"every service refreshed once more than " + before);
	}

	@Test
	void aCommitToAProfilesFileReachesOnlyTheInstancesRunningThatProfile() {
		ServiceProcess blue = platform.startSampleInstance("--spring.profiles.active=blue");
		try {
			blue.awaitHealthy(Platform.START_TIMEOUT);
			Map<ServiceProcess, Double> before = refreshCounts(instances);
			String message = "Only for the profile blue, " + System.nanoTime();

			platform.config().commit("sample-service-blue.yml", "message: " + message + "\n", "A profile's own message");

			Poll.until(PROPAGATION_LIMIT, () -> Http.get(blue.url("/")).map(Http.Response::body).orElse("no answer"),
					message::equals, "the instance running the profile answers its message");
			Kit.pause(GRACE);
			assertThat(refreshCounts(instances)).as("the instances without the profile were not refreshed").isEqualTo(before);
		}
		finally {
			blue.stop();
		}
	}

	@Test
	void aBusRefreshSentToOneInstanceReachesEveryOther() {
		// With no destination it reaches every service: waiting for the gateway and the registry too, none of these
		// refreshes is still running when the next test counts.
		List<ServiceProcess> services = new ArrayList<>(instances);
		services.add(gateway);
		services.add(platform.discovery());
		Map<ServiceProcess, Double> before = refreshCounts(services);

		assertThat(Http.post(instances.get(0).url("/actuator/bus-refresh")).map(Http.Response::status))
				.as("anonymous").contains(401);
		assertThat(Http.post(instances.get(0).url("/actuator/bus-refresh"), platform.managementUser).map(Http.Response::status))
				.contains(204);

		// An instance drops an event whose origin has its own bus id: each of the three must have an id of its own.
		Poll.until(PROPAGATION_LIMIT, () -> refreshCounts(services),
				counts -> counts.entrySet().stream().allMatch(count -> count.getValue() > before.get(count.getKey())),
				"all three instances, the gateway and the registry refreshed once more than " + before);
	}

	@Test
	void aSignedGithubPushRefreshesTheApplicationsItsFilesConfigure() {
		Map<ServiceProcess, Double> before = refreshCounts(instances);
		double gatewayRefreshes = platform.refreshCount(gateway, "applied");
		String push = "{\"ref\":\"refs/heads/main\",\"commits\":[{\"id\":\"0123abc\",\"added\":[],\"removed\":[],"
				+ "\"modified\":[\"sample-service.yml\"]}]}";

		Http.Response answer = githubPush(push, "sha256=" + hmacSha256(platform.monitorSecret, push)).orElseThrow();

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).contains("sample-service");
		Poll.until(PROPAGATION_LIMIT, () -> refreshCounts(instances),
				counts -> counts.entrySet().stream().allMatch(count -> count.getValue() > before.get(count.getKey())),
				"every sample instance refreshed");
		Kit.pause(GRACE);
		assertThat(platform.refreshCount(gateway, "applied")).as("the gateway was not named").isEqualTo(gatewayRefreshes);
	}

	@Test
	void aPushWithAWrongSignatureOrNoneIsRefusedAndRefreshesNothing() {
		Map<ServiceProcess, Double> before = refreshCounts(instances);
		String push = "{\"commits\":[{\"modified\":[\"application.yml\"]}]}";

		Http.Response wrong = githubPush(push, "sha256=" + hmacSha256("not-the-secret", push)).orElseThrow();
		Http.Response unsigned = Http.send(HttpRequest.newBuilder(URI.create(monitorUrl()))
				.header("Content-Type", "application/json").header("X-Github-Event", "push")
				.POST(HttpRequest.BodyPublishers.ofString(push))).orElseThrow();
		Http.Response wrongToken = Http.send(HttpRequest.newBuilder(URI.create(monitorUrl()))
				.header("Content-Type", "application/json").header("X-Gitlab-Event", "Push Hook")
				.header("X-Gitlab-Token", "not-the-secret").POST(HttpRequest.BodyPublishers.ofString(push))).orElseThrow();

		for (Http.Response refused : List.of(wrong, unsigned, wrongToken)) {
			assertThat(refused.status()).as(refused.body()).isEqualTo(401);
			assertThat(refused.body()).startsWith("{\"status\":401");
		}
		Kit.pause(GRACE);
		assertThat(refreshCounts(instances)).as("nothing refreshed").isEqualTo(before);
	}

	@Test
	void anInvalidCommitKeepsEveryInstancesValuesAndTheNextGoodOneApplies() {
		String kept = String.valueOf(platform.config().property("sample-service.yml", "message"));
		Map<ServiceProcess, Double> before = refreshCounts(instances);

		platform.config().commit("sample-service.yml", "message: [no closing bracket\n", "Invalid YAML");
		Poll.until(PROPAGATION_LIMIT, () -> platform.configServer().logTail(),
				log -> log.contains("sample-service.yml is not valid YAML"), "the config server names the file and the error");
		Kit.pause(GRACE);
		assertThat(refreshCounts(instances)).as("no refresh was published").isEqualTo(before);
		instances.forEach(instance -> assertThat(Http.require(instance.url("/")).body()).isEqualTo(kept));

		Map<ServiceProcess, Double> rejectedBefore = refreshCounts(instances, "rejected");
		platform.config().commit("sample-service.yml", "message: ''\n", "A required property left empty");
		Poll.until(PROPAGATION_LIMIT, () -> refreshCounts(instances, "rejected"),
				counts -> counts.entrySet().stream().allMatch(count -> count.getValue() > rejectedBefore.get(count.getKey())),
				"every instance rejected the refresh");
		instances.forEach(instance -> assertThat(Http.require(instance.url("/")).body()).isEqualTo(kept));

		String good = "Good again, " + System.nanoTime();
		platform.config().commit("sample-service.yml", "message: " + good + "\n", "A good commit");
		awaitMessage(good);
	}

	private Map<ServiceProcess, Double> refreshCounts(List<ServiceProcess> services) {
		return refreshCounts(services, "applied");
	}

	private static Map<ServiceProcess, Double> refreshCounts(List<ServiceProcess> services, String outcome) {
		Map<ServiceProcess, Double> counts = new LinkedHashMap<>();
		services.forEach(service -> counts.put(service, platform.refreshCount(service, outcome)));
		return counts;
	}

	/** Until every instance answers the message itself (not through the gateway, which would pick one). */
	private void awaitMessage(String message) {
		Poll.until(PROPAGATION_LIMIT, Duration.ofMillis(100),
				() -> instances.stream().map(instance -> Http.get(instance.url("/")).map(Http.Response::body).orElse("no answer"))
						.collect(Collectors.toList()),
				answers -> answers.stream().allMatch(message::equals), "every instance answers '" + message + "'");
	}

	private static String monitorUrl() {
		return platform.configServer().url("/monitor");
	}

	private static java.util.Optional<Http.Response> githubPush(String body, String signature) {
		return Http.send(HttpRequest.newBuilder(URI.create(monitorUrl())).header("Content-Type", "application/json")
				.header("X-Github-Event", "push").header("X-Hub-Signature-256", signature)
				.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** What GitHub sends: the hex HMAC-SHA256 of the body, keyed with the webhook's secret. */
	private static String hmacSha256(String secret, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			StringBuilder hex = new StringBuilder();
			for (byte b : mac.doFinal(body.getBytes(StandardCharsets.UTF_8))) {
				hex.append(String.format("%02x", b));
			}
			return hex.toString();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
