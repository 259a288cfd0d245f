package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.cloudfoundry.operations.applications.ApplicationHealthCheck;
import org.cloudfoundry.operations.applications.ApplicationManifest;
import org.cloudfoundry.operations.applications.ApplicationManifestUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** manifests/manifest.yml as Cloud Foundry's own manifest parser reads it, with manifests/vars.yml. */
class CloudFoundryManifestTests {

	private static final Path MANIFESTS = Kit.root().resolve("manifests");
	private static final List<String> SERVICES = Kit.deployedServices();
	private static final List<String> SPRING_APPS = List.of("config-server", "discovery-service", "sample-service",
			"edge-gateway", "admin-server");
	/** Two of each: the cattle, the registry peers and the config servers; everything else once. */
	private static final Map<String, Integer> INSTANCES = Map.of("sample-service", 2, "discovery-service", 2,
			"config-server", 2);
	/** Where each registry peer answers the other: its instance on the internal route (container-to-container). */
	private static final String PEER_URL = "http://eureka:((eureka_password))@%s.discovery-service.apps.internal:8080/eureka/";

	private static Map<String, ApplicationManifest> apps;

	@BeforeAll
	static void readManifest() {
		List<ApplicationManifest> manifests = ApplicationManifestUtils.read(MANIFESTS.resolve("manifest.yml"),
				MANIFESTS.resolve("vars.yml"));
		apps = manifests.stream().collect(Collectors.toMap(ApplicationManifest::getName, Function.identity()));
		assertThat(manifests.stream().map(ApplicationManifest::getName)).as("every service the launcher runs but the local broker")
				.containsExactlyInAnyOrderElementsOf(SERVICES);
	}

	@Test
	void everyAppPointsAtItsBuiltJar() {
		for (String service : SERVICES) {
			Path path = apps.get(service).getPath().toAbsolutePath().normalize();
			assertThat(path).as(service).isEqualTo(Kit.jar(service));
			assertThat(Files.isRegularFile(path)).as(path + " exists after the build").isTrue();
		}
	}

	@Test
	void memoryInstancesAndHealthChecksAreAsIntended() {
		for (String service : SERVICES) {
			ApplicationManifest app = apps.get(service);
			assertThat(app.getMemory()).as(service + " memory (MB)").isEqualTo(512);
			assertThat(app.getInstances()).as(service + " instances").isEqualTo(INSTANCES.getOrDefault(service, 1));
			assertThat(app.getHealthCheckType()).as(service).isEqualTo(ApplicationHealthCheck.HTTP);
			assertThat(app.getHealthCheckHttpEndpoint()).as(service)
					.isEqualTo(service.equals("zipkin-service") ? "/health" : "/actuator/health");
			assertThat(String.valueOf(app.getEnvironmentVariables().get("JBP_CONFIG_OPEN_JDK_JRE"))).as(service)
					.contains("version: 17.+");
			assertThat(String.valueOf(app.getEnvironmentVariables().get("MALLOC_ARENA_MAX"))).as(service).isEqualTo("2");
		}
	}

	@Test
	void springServicesRunTheCloudProfileBoundToThePlatformServices() {
		for (String service : SPRING_APPS) {
			ApplicationManifest app = apps.get(service);
			assertThat(app.getEnvironmentVariables()).as(service).containsEntry("SPRING_PROFILES_ACTIVE",
					service.equals("discovery-service") ? "cloud,peer" : "cloud");
			assertThat(String.valueOf(app.getEnvironmentVariables().get("JAVA_OPTS"))).as(service)
					.contains("--add-opens java.base/java.lang=ALL-UNNAMED");
		}
		assertThat(apps.get("config-server").getServices()).containsExactlyInAnyOrder("platform-bus");
		assertThat(apps.get("discovery-service").getServices()).containsExactlyInAnyOrder("config-server", "platform-bus");
		assertThat(apps.get("sample-service").getServices()).containsExactlyInAnyOrder("config-server",
				"discovery-service", "zipkin", "platform-bus");
		assertThat(apps.get("edge-gateway").getServices()).containsExactlyInAnyOrder("config-server",
				"discovery-service", "zipkin", "platform-bus");
		assertThat(apps.get("admin-server").getServices()).as("it sends no traces: no zipkin")
				.containsExactlyInAnyOrder("config-server", "discovery-service", "platform-bus");
		assertThat(apps.get("zipkin-service").getServices()).as("Zipkin is no Spring Cloud app: no bus").isNullOrEmpty();
		assertThat(apps.get("sample-service").getNoRoute()).as("reached only through the gateway").isTrue();
		assertThat(apps.get("edge-gateway").getRoutes()).extracting(route -> route.getRoute())
				.containsExactly("kit-edge-gateway.apps.example.com");
		assertThat(apps.get("admin-server").getRoutes()).extracting(route -> route.getRoute())
				.containsExactly("kit-admin-server.apps.example.com");
	}

	@Test
	void theRegistryInstancesArePeersThatReplicateOverTheInternalRoute() throws IOException {
		ApplicationManifest registry = apps.get("discovery-service");
		Map<String, Object> env = registry.getEnvironmentVariables();
		assertThat(registry.getRoutes()).extracting(route -> route.getRoute()).as("public for clients, internal for peers")
				.containsExactlyInAnyOrder("kit-discovery-service.apps.example.com", "discovery-service.apps.internal");
		// Every peer's URL, one per instance, and each instance's own entry of that list once ${CF_INSTANCE_INDEX} is
		// resolved, character for character (Eureka compares the strings to leave itself out of replication).
		List<String> peers = List.of(String.valueOf(env.get("EUREKA_URI")).split(","));
		assertThat(peers).as("EUREKA_URI: one URL per instance, by index")
				.containsExactlyElementsOf(IntStream.range(0, registry.getInstances())
						.mapToObj(index -> String.format(PEER_URL, index)).collect(Collectors.toList()));
		String myUrl = String.valueOf(env.get("EUREKA_MY_URL"));
		assertThat(myUrl).isEqualTo(String.format(PEER_URL, "${CF_INSTANCE_INDEX}"));
		for (int index = 0; index < registry.getInstances(); index++) {
			assertThat(peers.get(index)).as("instance " + index + "'s EUREKA_MY_URL")
					.isEqualTo(myUrl.replace("${CF_INSTANCE_INDEX}", String.valueOf(index)));
		}
		// The peers call each other container-to-container, and so does the console, which lists each peer (as it
		// reads every registered instance, and the gateway calls the sample service's).
		assertThat(networkPolicies()).as("manifests/README.md's push steps").containsExactlyInAnyOrder(
				"discovery-service -> discovery-service:8080", "admin-server -> discovery-service:8080",
				"admin-server -> sample-service:8080", "admin-server -> edge-gateway:8080",
				"edge-gateway -> sample-service:8080");
	}

	/** The cf add-network-policy commands of manifests/README.md, as "source -> destination:port", loops unrolled. */
	private static List<String> networkPolicies() throws IOException {
		String readme = Files.readString(MANIFESTS.resolve("README.md"));
		Matcher loop = Pattern.compile("for app in ([a-z -]+); do\\s+cf add-network-policy (\\S+) \"\\$app\" --port (\\d+)")
				.matcher(readme);
		Matcher single = Pattern.compile("(?m)^cf add-network-policy (\\S+) ([a-z-]+) --port (\\d+)").matcher(readme);
		List<String> policies = new ArrayList<>();
		while (loop.find()) {
			for (String app : loop.group(1).trim().split(" +")) {
				policies.add(loop.group(2) + " -> " + app + ":" + loop.group(3));
			}
		}
		while (single.find()) {
			policies.add(single.group(1) + " -> " + single.group(2) + ":" + single.group(3));
		}
		return policies;
	}

	@Test
	void theAdminConsoleListsTheConfigServerByItsRouteAndEachRegistryPeerWithoutCredentials() throws IOException {
		// Neither registers in Eureka; the console reads their actuators with the users it is given separately.
		Map<String, Object> env = apps.get("admin-server").getEnvironmentVariables();
		assertThat(withVars(env.get("CONFIG_SERVER_URI"))).isEqualTo("https://" + route("config-server"));
		assertThat(withVars(env.get("DISCOVERY_URI"))).as("each peer, no user info")
				.isEqualTo(IntStream.range(0, apps.get("discovery-service").getInstances())
						.mapToObj(index -> "http://" + index + ".discovery-service.apps.internal:8080")
						.collect(Collectors.joining(",")));
		assertThat(env).containsEntry("CONFIG_SERVER_PASSWORD", "((config_server_password))")
				.containsEntry("EUREKA_PASSWORD", "((eureka_password))")
				.doesNotContainKeys("ENCRYPT_KEY", "MONITOR_SECRET");
	}

	/** An env value with vars.yml's variables substituted, as the cf CLI does at push time (the parser leaves them). */
	private static String withVars(Object value) throws IOException {
		Map<String, Object> vars;
		try (Reader reader = Files.newBufferedReader(MANIFESTS.resolve("vars.yml"))) {
			vars = new Yaml().load(reader);
		}
		Matcher variable = Pattern.compile("\\(\\(([a-z_]+)\\)\\)").matcher(String.valueOf(value));
		StringBuilder substituted = new StringBuilder();
		while (variable.find()) {
			assertThat(vars).as("vars.yml").containsKey(variable.group(1));
			variable.appendReplacement(substituted, Matcher.quoteReplacement(String.valueOf(vars.get(variable.group(1)))));
		}
		return variable.appendTail(substituted).toString();
	}

	private static String route(String app) {
		assertThat(apps.get(app).getRoutes()).as(app + " routes").hasSize(1);
		return apps.get(app).getRoutes().get(0).getRoute();
	}

	@Test
	void gitCredentialsComeFromPushTimeVariablesAndNoSecretIsCommitted() throws IOException {
		// The Java parser leaves env values as written (the cf CLI substitutes them at push time).
		Map<String, Object> env = apps.get("config-server").getEnvironmentVariables();
		assertThat(env).containsEntry("CONFIG_GIT_USERNAME", "((config_git_username))")
				.containsEntry("CONFIG_GIT_PASSWORD", "((config_git_password))")
				.containsEntry("CONFIG_SERVER_PASSWORD", "((config_server_password))")
				.containsEntry("ENCRYPT_KEY", "((encrypt_key))")
				.containsEntry("MONITOR_SECRET", "((monitor_secret))");
		assertThat(apps.get("discovery-service").getEnvironmentVariables())
				.containsEntry("EUREKA_PASSWORD", "((eureka_password))");
		for (String service : SPRING_APPS) {
			assertThat(apps.get(service).getEnvironmentVariables()).as(service)
					.containsEntry("MANAGEMENT_PASSWORD", "((management_password))");
		}
		for (Path file : List.of(MANIFESTS.resolve("manifest.yml"), MANIFESTS.resolve("vars.yml"))) {
			String withoutComments = Files.readAllLines(file).stream().filter(line -> !line.strip().startsWith("#"))
					.collect(Collectors.joining("\n"));
			assertThat(withoutComments).as(file.toString())
					.doesNotContainPattern("(?m)^\\s*(config_git_username|config_git_password|config_server_password|"
							+ "eureka_password|management_password|encrypt_key)\\s*:")
					.doesNotContainPattern("(?i)(password|secret|token)\\s*:\\s*[^(\\s]");
		}
	}

}
