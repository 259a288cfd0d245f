package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.Processes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Spring Cloud service written elsewhere (platform-tests/external-service: config client, Eureka client,
 * {@code server.port: 0}, nothing of the kit) joins the platform as it is, started with the standard settings only:
 * it takes its configuration from the repository, registers UP with the port it bound under an id of its own, and
 * the gateway routes to it once a route is committed.
 */
class ExternalServiceIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String SERVICE = "external-service";

	private static Platform platform;
	private static ServiceProcess gateway;
	private static Path jar;

	@BeforeAll
	static void buildItAndStartThePlatform() {
		jar = build();
		platform = new Platform();
		platform.startConfigServer();
		platform.startDiscovery();
		platform.configServer().awaitHealthy(Platform.START_TIMEOUT);
		platform.discovery().awaitHealthy(Platform.START_TIMEOUT);
		gateway = platform.startGateway().awaitHealthy(Platform.START_TIMEOUT);
	}

	@BeforeEach
	@AfterEach
	void theKitsConfiguration() {
		platform.restoreConfiguration(gateway);
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void twoInstancesStartedWithTheStandardSettingsOnlyRegisterTheirPortsAndShareTheRoute() {
		String greeting = "Hello from elsewhere " + System.nanoTime();
		platform.config().commit(SERVICE + ".yml", "greeting: " + greeting + "\n", "Configure " + SERVICE);
		platform.config().commitProperty("edge-gateway.yml", "zuul.routes.elsewhere",
				Map.of("path", "/elsewhere/**", "serviceId", SERVICE));
		assertThat(platform.refresh(gateway)).contains("zuul.routes.elsewhere.path");

		List<ServiceProcess> instances = List.of(startInstance(), startInstance());
		try {
			instances.forEach(instance -> instance.awaitHealthy(Platform.START_TIMEOUT));
			Set<Integer> ports = instances.stream().map(ServiceProcess::port).collect(Collectors.toSet());
			assertThat(ports).as("two instances, two ports").hasSize(2).doesNotContain(0);
			for (ServiceProcess instance : instances) {
				JsonNode answer = json(Http.require(instance.url("/")).body());
				assertThat(answer.path("greeting").asText()).as("configuration from the repository").isEqualTo(greeting);
				assertThat(answer.path("port").asInt()).isEqualTo(instance.port());
			}

			List<JsonNode> registered = Poll.until(Duration.ofSeconds(30), () -> platform.upInstances(SERVICE.toUpperCase()),
					up -> up.stream().map(node -> node.path("port").path("$").asInt()).collect(Collectors.toSet()).equals(ports),
					"Eureka lists both instances UP, on their ports " + ports);
			assertThat(registered).as("the instances registered").hasSize(2);
			assertThat(registered.stream().map(node -> node.path("instanceId").asText()).distinct()).as("instance ids")
					.hasSize(2);

			platform.awaitRouting("/elsewhere/", Duration.ofSeconds(45));
			// While the gateway's list grows from one instance to two, one can answer twice in a row: first a round
			// that alternates, then the one checked.
			Poll.until(Duration.ofSeconds(30), ExternalServiceIT::portsServingSixRequests,
					answers -> Set.copyOf(answers).equals(ports) && Platform.alternates(answers), "the gateway balances over " + ports);
			List<Integer> served = portsServingSixRequests();
			assertThat(Platform.alternates(served)).as("round robin: %s", served).isTrue();
			assertThat(Set.copyOf(served)).isEqualTo(ports);
		}
		finally {
			instances.parallelStream().forEach(ServiceProcess::stop);
		}
	}

	/**
	 * The registry's URL in a file of the service's own (as in the application.yml packaged in it), below the
	 * repository: the repository names no registry, so the service keeps its own instead of a URL without credentials.
	 */
	@Test
	void theRegistryNamedInTheServicesOwnFileIsTheOneItRegistersWith() throws IOException {
		Path own = Files.createTempFile(Kit.workDirectory(), SERVICE, ".yml");
		Files.writeString(own, "eureka:\n  client:\n    serviceUrl:\n      defaultZone: " + platform.eurekaUri() + "\n");
		List<String> arguments = configServerArguments();
		arguments.add("--spring.config.additional-location=file:" + own);
		ServiceProcess instance = platform.startJar(SERVICE, jar, arguments);
		try {
			instance.awaitHealthy(Platform.START_TIMEOUT);
			Poll.until(Duration.ofSeconds(30), () -> platform.upInstances(SERVICE.toUpperCase()).stream()
					.map(node -> node.path("port").path("$").asInt()).collect(Collectors.toList()),
					List.of(instance.port())::equals, "Eureka lists the instance on port " + instance.port());
		}
		finally {
			instance.stop();
			Files.delete(own);
		}
	}

	/** The standard settings of a Spring Cloud service, and nothing else: the same for every instance. */
	private static ServiceProcess startInstance() {
		List<String> arguments = configServerArguments();
		arguments.add("--eureka.client.serviceUrl.defaultZone=" + platform.eurekaUri());
		return platform.startJar(SERVICE, jar, arguments);
	}

	private static List<String> configServerArguments() {
		return new ArrayList<>(List.of("--spring.cloud.config.uri=http://127.0.0.1:" + platform.configServerPort,
				"--spring.cloud.config.username=" + platform.configServerUser.user(),
				"--spring.cloud.config.password=" + platform.configServerUser.password()));
	}

	/** The ports that answered six requests through the gateway, in order. */
	private static List<Integer> portsServingSixRequests() {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Http.Response response = Http.require(platform.gatewayUrl("/elsewhere/"));
			ports.add(response.status() == 200 ? json(response.body()).path("port").asInt() : -response.status());
		}
		return ports;
	}

	/** Built as its team would build it, with the kit's Maven wrapper, offline: it needs nothing the kit did not. */
	private static Path build() {
		Path project = Kit.root().resolve("platform-tests/" + SERVICE);
		Processes.Result result = Processes.run(List.of(Kit.root().resolve("mvnw").toString(), "-B", "-q", "-o", "-f",
				project.resolve("pom.xml").toString(), "package"), Kit.root(), Map.of(), Duration.ofMinutes(5));
		if (!result.succeeded()) {
			throw new IllegalStateException("building " + project + " failed: " + result.output());
		}
		return project.resolve("target/" + SERVICE + ".jar");
	}

	private static JsonNode json(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
