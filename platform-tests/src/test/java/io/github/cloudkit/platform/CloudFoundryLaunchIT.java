package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cloudkit.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jars started the way Cloud Foundry starts them: PORT, VCAP_APPLICATION and VCAP_SERVICES shaped like the
 * platform's, SPRING_PROFILES_ACTIVE=cloud, and none of the kit's local variables. Only the listen address stays
 * on loopback (SERVER_ADDRESS), and the container's internal IP is loopback.
 */
class CloudFoundryLaunchIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static Platform platform;
	private static ServiceProcess sample;
	private static ServiceProcess gateway;
	private static final String SAMPLE_INSTANCE_GUID = UUID.randomUUID().toString();

	@BeforeAll
	static void pushEverything() throws Exception {
		platform = new Platform();
		// The RabbitMQ service instance platform-bus: the kit's own AMQP broker stands in for a marketplace one. The
		// apps learn of it from VCAP_SERVICES only.
		platform.startBroker().awaitHealthy(Platform.START_TIMEOUT);
		String services = vcapServices();
		Map<String, String> configServer = cloudFoundry("config-server", platform.configServerPort, UUID.randomUUID().toString(), services);
		configServer.putAll(platform.configGitEnvironment("config-server-clone-0"));
		// The manifest's variables for the config server: its own user and the encryption key.
		configServer.put("CONFIG_SERVER_PASSWORD", platform.configServerUser.password());
		configServer.put("ENCRYPT_KEY", platform.encryptKey);
		ServiceProcess config = platform.startExactly("config-server", platform.configServerPort, configServer, List.of());
		Map<String, String> registry = cloudFoundry("discovery-service", platform.discoveryPort,
				UUID.randomUUID().toString(), services);
		registry.put("EUREKA_PASSWORD", platform.eurekaUser.password());
		ServiceProcess discovery = platform.startExactly("discovery-service", platform.discoveryPort, registry, List.of());
		int samplePort = Kit.freePort();
		sample = platform.startExactly("sample-service", samplePort,
				cloudFoundry("sample-service", samplePort, SAMPLE_INSTANCE_GUID, services), List.of());
		gateway = platform.startExactly("edge-gateway", platform.gatewayPort,
				cloudFoundry("edge-gateway", platform.gatewayPort, UUID.randomUUID().toString(), services), List.of());
		for (ServiceProcess process : List.of(config, discovery, sample, gateway)) {
			process.awaitHealthy(Platform.START_TIMEOUT);
		}
	}

	@AfterAll
	static void stopEverything() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void theSampleServiceRegistersWithTheCloudInstanceIdAndItsContainerAddress() throws Exception {
		String expectedId = "sample-service:" + SAMPLE_INSTANCE_GUID;
		Poll.until(Duration.ofSeconds(30), () -> platform.registeredInstances("SAMPLE-SERVICE"),
				List.of(expectedId)::equals, "Eureka lists " + expectedId);
		JsonNode instance = JSON.readTree(Http.getJson("http://127.0.0.1:" + platform.discoveryPort
				+ "/eureka/apps/SAMPLE-SERVICE/" + expectedId, platform.eurekaUser).orElseThrow().body()).path("instance");
		assertThat(instance.path("ipAddr").asText()).isEqualTo("127.0.0.1");
		assertThat(instance.path("port").path("$").asInt()).isEqualTo(sample.port());
		assertThat(instance.path("metadata").path("cf-instance-index").asText()).isEqualTo("0");
		assertThat(instance.path("metadata").path("cf-route").asText()).isEqualTo("sample-service.apps.example.com");
	}

	@Test
	void configComesFromTheConfigServerNamedInVcapServicesAndTheGatewayRoutesThere() {
		Object committed = platform.config().property("sample-service.yml", "message");
		assertThat(Http.require(sample.url("/")).body()).isEqualTo(committed);
		// On Cloud Foundry clients fetch the registry every 30 s (application-cloud.yml): up to two fetches.
		Http.Response routed = platform.awaitRouting("/hello/id", Duration.ofSeconds(90));
		assertThat(routed.body()).isEqualTo("sample-service:" + SAMPLE_INSTANCE_GUID);
		assertThat(Http.require(platform.gatewayUrl("/hello")).body()).isEqualTo(committed);
	}

	@Test
	void aWebhookRefreshReachesTheSampleServiceOverTheBrokerBoundAsPlatformBus() {
		String changed = "Hello over the bus " + UUID.randomUUID();
		platform.config().commitProperty("sample-service.yml", "message", changed);
		// What a push webhook does on Cloud Foundry, where the repository is remote: POST /monitor on the config
		// server, which publishes the refresh on the bus. The config server and the sample service know of a broker
		// only from VCAP_SERVICES (nothing else names one; the default, localhost:5672, is not it).
		Http.Response sent = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.configServerPort
				+ "/monitor")).header("Authorization", platform.configServerUser.header())
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("path=sample-service")))
				.orElseThrow(() -> new AssertionError("no answer to POST /monitor on the config server"));
		assertThat(sent.status()).as("POST /monitor: " + sent.body()).isEqualTo(200);
		Poll.until(Duration.ofSeconds(30), () -> Http.get(sample.url("/")).map(Http.Response::body).orElse(""),
				changed::equals, "the sample service answers the committed message");
	}

	/** What Cloud Foundry puts in a container's environment (the values Diego sets, trimmed to what apps read). */
	private static Map<String, String> cloudFoundry(String app, int port, String instanceGuid, String vcapServices) throws Exception {
		ObjectNode application = JSON.createObjectNode();
		String route = app + ".apps.example.com";
		application.put("application_id", UUID.randomUUID().toString());
		application.put("application_name", app);
		application.set("application_uris", JSON.createArrayNode().add(route));
		application.put("application_version", UUID.randomUUID().toString());
		application.put("cf_api", "https://api.example.com");
		application.put("host", "0.0.0.0");
		application.put("instance_id", instanceGuid);
		application.put("instance_index", 0);
		application.set("limits", JSON.createObjectNode().put("disk", 1024).put("fds", 16384).put("mem", 512));
		application.put("name", app);
		application.put("organization_name", "kit");
		application.put("port", port);
		application.put("process_type", "web");
		application.put("space_name", "dev");
		application.set("uris", JSON.createArrayNode().add(route));
		Map<String, String> environment = new HashMap<>();
		environment.put("PORT", Integer.toString(port));
		environment.put("VCAP_APPLICATION", JSON.writeValueAsString(application));
		environment.put("VCAP_SERVICES", vcapServices == null ? "{}" : vcapServices);
		environment.put("CF_INSTANCE_INDEX", "0");
		environment.put("CF_INSTANCE_GUID", instanceGuid);
		environment.put("CF_INSTANCE_INTERNAL_IP", "127.0.0.1");
		environment.put("CF_INSTANCE_PORT", Integer.toString(port));
		environment.put("SPRING_PROFILES_ACTIVE", "cloud");
		// Not in VCAP_SERVICES: set per app with cf set-env (or the manifest's vars) on Cloud Foundry.
		environment.put("MANAGEMENT_PASSWORD", platform.managementUser.password());
		environment.put("SERVER_ADDRESS", "127.0.0.1");
		return environment;
	}

	/** The three user-provided services and the RabbitMQ instance platform-bus that manifests/README.md tells users to create. */
	private static String vcapServices() throws Exception {
		ArrayNode provided = JSON.createArrayNode();
		ObjectNode configServer = userProvided("config-server", "uri", "http://127.0.0.1:" + platform.configServerPort);
		((ObjectNode) configServer.get("credentials")).put("username", platform.configServerUser.user())
				.put("password", platform.configServerUser.password());
		provided.add(configServer);
		provided.add(userProvided("discovery-service", "uri", "http://" + platform.eurekaUser.user() + ":"
				+ platform.eurekaUser.password() + "@127.0.0.1:" + platform.discoveryPort));
		provided.add(userProvided("zipkin", "url", "http://127.0.0.1:" + platform.zipkinPort + "/"));
		ObjectNode services = JSON.createObjectNode().set("user-provided", provided);
		// A marketplace RabbitMQ instance (p.rabbitmq's shape, trimmed): its credentials' uri is what the apps read.
		ObjectNode bus = JSON.createObjectNode();
		bus.put("label", "p.rabbitmq");
		bus.put("name", "platform-bus");
		bus.put("instance_name", "platform-bus");
		bus.put("plan", "single-node");
		bus.set("tags", JSON.createArrayNode().add("rabbitmq"));
		Http.Credentials user = platform.brokerUser;
		bus.set("credentials", JSON.createObjectNode().put("uri", "amqp://" + user.user() + ":" + user.password()
				+ "@127.0.0.1:" + platform.brokerPort).put("username", user.user()).put("password", user.password()));
		services.set("p.rabbitmq", JSON.createArrayNode().add(bus));
		return JSON.writeValueAsString(services);
	}

	private static ObjectNode userProvided(String name, String key, String value) {
		ObjectNode service = JSON.createObjectNode();
		service.put("label", "user-provided");
		service.put("name", name);
		service.put("instance_name", name);
		service.put("instance_guid", UUID.randomUUID().toString());
		service.put("binding_guid", UUID.randomUUID().toString());
		service.putNull("binding_name");
		service.set("tags", JSON.createArrayNode());
		service.set("credentials", JSON.createObjectNode().put(key, value));
		service.put("syslog_drain_url", "");
		service.set("volume_mounts", JSON.createArrayNode());
		return service;
	}

}
