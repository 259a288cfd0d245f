package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cloudkit.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform core from the packaged jars: config server on a temporary Git repository, Eureka, and two
 * sample-service instances, the first of them started before the config server exists.
 */
@TestMethodOrder(OrderAnnotation.class)
class PlatformIT {

	private static Platform platform;
	private static ServiceProcess first;
	private static ServiceProcess second;

	@BeforeAll
	static void startPlatform() {
		platform = new Platform();
		// Started first on purpose: a config client must wait for the config server, not fail.
		first = platform.startSampleInstance();
		Kit.pause(Duration.ofSeconds(5));
		assertThat(first.isAlive()).as("a sample instance waits for the config server").isTrue();
		platform.startConfigServer().awaitHealthy(Platform.START_TIMEOUT);
		platform.startDiscovery().awaitHealthy(Platform.START_TIMEOUT);
		first.awaitHealthy(Platform.START_TIMEOUT);
		second = platform.startSampleInstance().awaitHealthy(Platform.START_TIMEOUT);
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	@Order(1)
	void bothInstancesRegisterWithDistinctIds() {
		List<String> expected = List.of(instanceId(first), instanceId(second)).stream().sorted()
				.collect(java.util.stream.Collectors.toList());
		Poll.until(Duration.ofSeconds(30), () -> platform.registeredInstances("SAMPLE-SERVICE"),
				registered -> registered.equals(expected), "Eureka lists " + expected);
		assertThat(expected.get(0)).isNotEqualTo(expected.get(1));
	}

	@Test
	@Order(2)
	void eachInstanceAnswersTheCommittedMessage() {
		Object committed = platform.config().property("sample-service.yml", "message");
		assertThat(committed).isInstanceOf(String.class);
		for (ServiceProcess instance : List.of(first, second)) {
			Http.Response answer = Http.require(instance.url("/"));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo(committed);
		}
	}

	@Test
	@Order(3)
	void aCommittedMessageReachesTheInstanceThatIsRefreshed() {
		String before = Http.require(second.url("/")).body();
		String message = "Committed by PlatformIT at " + System.nanoTime();
		platform.config().commit("sample-service.yml", "message: " + message + "\n", "Change the message");

		assertThat(platform.refresh(first)).contains("\"message\"");
		assertThat(Http.require(first.url("/")).body()).isEqualTo(message);
		// A refresh reaches only the instance it is sent to.
		assertThat(Http.require(second.url("/")).body()).isEqualTo(before);
		// A refresh leaves the registration alone (service-support's SteadyEurekaRegistration): still listed UP.
		Poll.until(Duration.ofSeconds(10), () -> platform.registeredInstances("SAMPLE-SERVICE"),
				registered -> registered.contains(instanceId(first)), "the refreshed instance listed UP");
	}

	/**
	 * What Eureka's start-up race (Netflix/eureka#1174) leaves behind, made on purpose: the registry holds the
	 * instance's own record, with its current timestamp, but the status STARTING. Eureka alone never mends it (the
	 * heartbeats look current); the instance must notice and register again.
	 */
	@Test
	@Order(4)
	void anInstanceTheRegistryListsAsStartingWhileItIsUpRegistersAgain() {
		String id = instanceId(second);
		ObjectNode record = platform.registration("SAMPLE-SERVICE", id);
		((ObjectNode) record.path("instance")).put("status", "STARTING");
		platform.register("SAMPLE-SERVICE", record);
		long listedStartingAt = System.nanoTime();
		assertThat(platform.registration("SAMPLE-SERVICE", id).path("instance").path("status").asText()).isEqualTo("STARTING");

		Poll.until(Duration.ofSeconds(20), () -> platform.registeredInstances("SAMPLE-SERVICE"),
				registered -> registered.contains(id), id + " listed UP again");
		System.out.printf("PlatformIT: %s listed UP again %.1f s after the registry was set to STARTING%n", id,
				(System.nanoTime() - listedStartingAt) / 1e9);
	}

	@Test
	@Order(5)
	void aCrashedInstanceLeavesTheRegistryWithinFifteenSeconds() {
		String crashed = instanceId(second);
		long killedAt = System.nanoTime();
		second.kill();
		Poll.until(Duration.ofSeconds(15), () -> platform.registeredInstances("SAMPLE-SERVICE"),
				registered -> !registered.contains(crashed) && registered.contains(instanceId(first)),
				crashed + " evicted while the live instance stays");
		System.out.printf("PlatformIT: %s evicted %.1f s after kill -9%n", crashed,
				(System.nanoTime() - killedAt) / 1e9);
	}

	private static String instanceId(ServiceProcess instance) {
		return Http.require(instance.url("/id")).body();
	}

}
