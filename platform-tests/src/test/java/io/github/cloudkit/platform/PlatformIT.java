package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cloudkit.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform core as the launcher starts it: config server on a temporary Git repository, Eureka, and
 * sample-service instances. Each test starts from two healthy instances and the kit's configuration.
 */
class PlatformIT {

	private static Platform platform;
	private ServiceProcess first;
	private ServiceProcess second;

	@BeforeAll
	static void startPlatform() {
		platform = new Platform();
		platform.startConfigServer().awaitHealthy(Platform.START_TIMEOUT);
		platform.startDiscovery().awaitHealthy(Platform.START_TIMEOUT);
	}

	@BeforeEach
	void twoInstancesAndTheKitsConfiguration() {
		platform.restoreConfiguration();
		List<ServiceProcess> instances = platform.sampleFleet(2);
		first = instances.get(0);
		second = instances.get(1);
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void aConfigClientStartedBeforeItsConfigServerWaitsForItInsteadOfFailing() {
		// A second config server, on a port nothing listens on yet: the instance starts first.
		int port = Kit.freePort();
		Map<String, String> environment = platform.configGitEnvironment("config-server-clone-late");
		environment.put("CONFIG_SERVER_PORT", Integer.toString(port));
		ServiceProcess early = platform.startSampleInstance("--spring.cloud.config.uri=http://127.0.0.1:" + port);
		ServiceProcess lateConfigServer = null;
		try {
			Kit.pause(Duration.ofSeconds(5));
			assertThat(early.isAlive()).as("the instance waits for the config server").isTrue();
			lateConfigServer = platform.start("config-server", port, environment, List.of());
			lateConfigServer.awaitHealthy(Platform.START_TIMEOUT);
			early.awaitHealthy(Platform.START_TIMEOUT);
			assertThat(Http.require(early.url("/")).body()).isEqualTo(platform.config().property("sample-service.yml", "message"));
		}
		finally {
			early.stop();
			if (lateConfigServer != null) {
				lateConfigServer.stop();
			}
		}
	}

	/** A service's own start-up settings win over the shared repository (config-repo/application.yml says why). */
	@Test
	void whatAnInstanceIsStartedWithOutranksTheSharedRepository() {
		ServiceProcess own = platform.startSampleInstance("--message=Set on the command line");
		try {
			own.awaitHealthy(Platform.START_TIMEOUT);
			assertThat(Http.require(own.url("/")).body()).isEqualTo("Set on the command line");
			assertThat(Http.require(first.url("/")).body()).as("an instance started without it")
					.isEqualTo(platform.config().property("sample-service.yml", "message"));
		}
		finally {
			own.stop();
		}
	}

	@Test
	void bothInstancesRegisterWithDistinctIds() {
		List<String> expected = List.of(instanceId(first), instanceId(second)).stream().sorted()
				.collect(java.util.stream.Collectors.toList());
		Poll.until(Duration.ofSeconds(30), () -> platform.registeredInstances("SAMPLE-SERVICE"),
				registered -> registered.equals(expected), "Eureka lists " + expected);
		assertThat(expected.get(0)).isNotEqualTo(expected.get(1));
	}

	@Test
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
	void anInstanceTheRegistryListsAsStartingWhileItIsUpRegistersAgain() {
		String id = instanceId(second);
		ObjectNode record = platform.registration("SAMPLE-SERVICE", id);
		((ObjectNode) record.path("instance")).put("status", "STARTING");
		platform.register("SAMPLE-SERVICE", record);
		long listedStartingAt = System.nanoTime();
		assertThat(platform.registration("SAMPLE-SERVICE", id).path("instance").path("status").asText()).isEqualTo("STARTING");

		// A registry fetch, a heartbeat and a registration again: seconds on an idle machine (the time is printed).
		Poll.until(Duration.ofSeconds(45), () -> platform.registeredInstances("SAMPLE-SERVICE"),
				registered -> registered.contains(id), id + " listed UP again");
		System.out.printf("PlatformIT (observed): %s listed UP again %.1f s after the registry was set to STARTING%n", id,
				(System.nanoTime() - listedStartingAt) / 1e9);
	}

	@Test
	void aCrashedInstanceLeavesTheRegistryWithinFifteenSeconds() {
		String crashed = instanceId(second);
		long killedAt = System.nanoTime();
		second.kill();
		Poll.until(Duration.ofSeconds(15), () -> platform.registeredInstances("SAMPLE-SERVICE"),
				registered -> !registered.contains(crashed) && registered.contains(instanceId(first)),
				crashed + " evicted while the live instance stays");
		System.out.printf("PlatformIT (observed): %s evicted %.1f s after kill -9%n", crashed,
				(System.nanoTime() - killedAt) / 1e9);
	}

	private static String instanceId(ServiceProcess instance) {
		return Http.require(instance.url("/id")).body();
	}

}
