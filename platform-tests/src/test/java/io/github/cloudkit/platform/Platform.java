package io.github.cloudkit.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cloudkit.testsupport.Http;

/**
 * A whole kit platform for one test class: its own free ports, its own temporary config repository, and
 * every process it started stopped again on {@link #close()} (or, at the latest, when the test JVM exits).
 */
final class Platform implements AutoCloseable {

	static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Variables the kit's services read: a developer's own settings must not leak into a test platform. */
	private static final List<String> KIT_VARIABLES = List.of("PORT", "SERVER_ADDRESS", "CONFIG_SERVER_PORT",
			"DISCOVERY_PORT", "GATEWAY_PORT", "ZIPKIN_PORT", "CONFIG_SERVER_URI", "EUREKA_URI", "ZIPKIN_URI",
			"CONFIG_GIT_URI", "CONFIG_GIT_LABEL", "CONFIG_GIT_SEARCH_PATHS", "CONFIG_GIT_USERNAME",
			"CONFIG_GIT_PASSWORD", "CONFIG_GIT_BASEDIR", "SPRING_PROFILES_ACTIVE", "SPRING_APPLICATION_JSON",
			"VCAP_APPLICATION", "VCAP_SERVICES", "CONFIG_SERVER_USER", "CONFIG_SERVER_PASSWORD", "EUREKA_USER",
			"EUREKA_PASSWORD", "MANAGEMENT_USER", "MANAGEMENT_PASSWORD", "ENCRYPT_KEY");

	private final String id = Long.toString(System.nanoTime(), 36);
	private final Path directory = Kit.workDirectory().resolve("platform-" + id);
	private final ConfigRepository config = ConfigRepository.copyOfKitConfig(directory.resolve("config-repo"));
	private final List<ServiceProcess> started = Collections.synchronizedList(new ArrayList<>());
	private final Thread killOnExit = new Thread(this::killAll, "platform-" + id + "-kill-on-exit");
	private final Map<String, Integer> instanceCounts = new HashMap<>();

	/** Fresh credentials per platform, as ./platform generates them. */
	final Http.Credentials configServerUser = new Http.Credentials("config", Kit.randomSecret());
	final Http.Credentials eurekaUser = new Http.Credentials("eureka", Kit.randomSecret());
	final Http.Credentials managementUser = new Http.Credentials("admin", Kit.randomSecret());
	final String encryptKey = Kit.randomSecret();

	final int configServerPort = Kit.freePort();
	final int discoveryPort = Kit.freePort();
	final int zipkinPort = Kit.freePort();
	final int gatewayPort = Kit.freePort();
	private boolean zipkinEnabled;

	Platform() {
		Runtime.getRuntime().addShutdownHook(killOnExit);
	}

	ConfigRepository config() {
		return config;
	}

	private ServiceProcess configServer;
	private ServiceProcess discovery;

	ServiceProcess configServer() {
		return configServer;
	}

	ServiceProcess discovery() {
		return discovery;
	}

	ServiceProcess startConfigServer() {
		Map<String, String> environment = configGitEnvironment();
		environment.put("CONFIG_SERVER_PORT", Integer.toString(configServerPort));
		// Only the config server holds the key that decrypts {cipher} values.
		environment.put("ENCRYPT_KEY", encryptKey);
		configServer = start("config-server", configServerPort, environment, List.of());
		return configServer;
	}

	/** Points a config server at this platform's temporary repository. */
	Map<String, String> configGitEnvironment() {
		Map<String, String> environment = new HashMap<>();
		environment.put("CONFIG_GIT_URI", config.location());
		environment.put("CONFIG_GIT_SEARCH_PATHS", "");
		environment.put("CONFIG_GIT_LABEL", ConfigRepository.BRANCH);
		environment.put("CONFIG_GIT_BASEDIR", directory.resolve("config-server-clone").toString());
		return environment;
	}

	ServiceProcess startDiscovery() {
		discovery = start("discovery-service", discoveryPort,
				clientEnvironment(Map.of("DISCOVERY_PORT", discoveryPort)), clientArguments());
		return discovery;
	}

	ServiceProcess startSampleInstance(String... arguments) {
		int port = Kit.freePort();
		List<String> all = new ArrayList<>(clientArguments());
		all.addAll(List.of(arguments));
		return start("sample-service", port, clientEnvironment(Map.of("PORT", port)), all);
	}

	ServiceProcess startGateway() {
		return start("edge-gateway", gatewayPort, clientEnvironment(Map.of("GATEWAY_PORT", gatewayPort)),
				clientArguments());
	}

	/** The official Zipkin server jar, configured like ./platform does it; services report to it from now on. */
	ServiceProcess startZipkin() {
		zipkinEnabled = true;
		Map<String, String> environment = new HashMap<>();
		environment.put("QUERY_PORT", Integer.toString(zipkinPort));
		return start("zipkin-service", zipkinPort, environment, List.of(
				"--spring.config.additional-location=file:" + Kit.root().resolve("zipkin-service/zipkin.yml")));
	}

	/** POST /actuator/refresh on one service, with the management credentials; answers the changed keys. */
	String refresh(ServiceProcess service) {
		Http.Response response = Http.post(service.url("/actuator/refresh"), managementUser)
				.orElseThrow(() -> new AssertionError("no answer to a refresh of " + service));
		if (response.status() != 200) {
			throw new AssertionError("refresh of " + service + " answered " + response.status() + ": " + response.body());
		}
		return response.body();
	}

	String gatewayUrl(String path) {
		return "http://127.0.0.1:" + gatewayPort + path;
	}

	String zipkinUrl(String path) {
		return "http://127.0.0.1:" + zipkinPort + path;
	}

	/** The ids the given sample-service instances answer on {@code /id}. */
	static java.util.Set<String> instanceIds(List<ServiceProcess> processes) {
		java.util.Set<String> ids = new java.util.HashSet<>();
		processes.forEach(process -> ids.add(Http.require(process.url("/id")).body()));
		return ids;
	}

	/**
	 * Until the gateway answers 200 on {@code path}, asking once a second as {@code ./platform up} does. Until the
	 * gateway has learnt the route's instances every request falls back, and a faster poll fills Hystrix's 10 s
	 * window with those failures (20 open the circuit): it would open just after the route starts to answer.
	 */
	Http.Response awaitRouting(String path, Duration timeout) {
		try {
			return Poll.until(timeout, Duration.ofSeconds(1), () -> Http.require(gatewayUrl(path)),
					response -> response.status() == 200, "the gateway routes " + path);
		}
		catch (AssertionError notRouted) {
			throw new AssertionError(notRouted.getMessage() + "\n" + routingDiagnostics(), notRouted);
		}
	}

	/** What the registry lists and what the gateways saw: a routing failure in CI is explained by its report. */
	private String routingDiagnostics() {
		StringBuilder report = new StringBuilder("registry (GET /eureka/apps): ");
		report.append(Http.getJson("http://127.0.0.1:" + discoveryPort + "/eureka/apps", eurekaUser)
				.map(response -> response.status() + " " + registeredStatuses(response.body())).orElse("no answer"));
		List<ServiceProcess> gateways;
		synchronized (started) {
			gateways = started.stream().filter(process -> process.name().startsWith("edge-gateway")).collect(Collectors.toList());
		}
		for (ServiceProcess gateway : gateways) {
			report.append("\n").append(gateway).append(" health: ")
					.append(Http.get(gateway.url("/actuator/health"), managementUser).map(Http.Response::body).orElse("no answer"))
					.append("\n").append(gateway).append(" log tail:\n").append(gateway.logTail());
		}
		return report.toString();
	}

	/** application: instance id=status, ... of a registry listing. */
	private static String registeredStatuses(String body) {
		try {
			List<String> entries = new ArrayList<>();
			for (JsonNode application : asList(JSON.readTree(body).path("applications").path("application"))) {
				for (JsonNode instance : asList(application.path("instance"))) {
					entries.add(instance.path("instanceId").asText() + "=" + instance.path("status").asText());
				}
			}
			return entries.toString();
		}
		catch (IOException ex) {
			return body;
		}
	}

	/** Eureka's JSON gives a one-element list as the element itself. */
	private static List<JsonNode> asList(JsonNode node) {
		List<JsonNode> nodes = new ArrayList<>();
		if (node.isArray()) {
			node.forEach(nodes::add);
		}
		else if (node.isObject()) {
			nodes.add(node);
		}
		return nodes;
	}

	/** Until the gateway's Ribbon list holds exactly these instances: consecutive answers cover them all. */
	void awaitRotation(java.util.Set<String> expected, Duration timeout) {
		awaitRouting("/hello/id", timeout);
		Poll.until(timeout, () -> {
			java.util.Set<String> seen = new java.util.HashSet<>();
			for (int i = 0; i < expected.size() * 3; i++) {
				Http.get(gatewayUrl("/hello/id")).filter(r -> r.status() == 200).ifPresent(r -> seen.add(r.body()));
			}
			return seen;
		}, expected::equals, "the gateway rotates over " + expected);
	}

	/** Instance ids Eureka currently lists for an application, e.g. {@code SAMPLE-SERVICE}. */
	List<String> registeredInstances(String application) {
		return Http.getJson("http://127.0.0.1:" + discoveryPort + "/eureka/apps/" + application, eurekaUser)
				.filter(response -> response.status() == 200)
				.map(response -> instanceIds(response.body()))
				.orElse(List.of());
	}

	/** The registry's own record of one instance: Eureka's JSON, {@code {"instance": {...}}}. */
	ObjectNode registration(String application, String instanceId) {
		Http.Response response = Http.getJson("http://127.0.0.1:" + discoveryPort + "/eureka/apps/" + application + "/"
				+ instanceId, eurekaUser).orElseThrow(() -> new AssertionError("no answer from the registry"));
		if (response.status() != 200) {
			throw new AssertionError("the registry answered " + response.status() + " for " + instanceId);
		}
		try {
			return (ObjectNode) JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Registers a record as an instance's Eureka client does: {@code POST /eureka/apps/{application}}. */
	void register(String application, JsonNode record) {
		int status = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + discoveryPort + "/eureka/apps/" + application))
				.header("Authorization", eurekaUser.header()).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(record.toString())))
				.map(Http.Response::status).orElseThrow(() -> new AssertionError("no answer from the registry"));
		if (status != 204) {
			throw new AssertionError("the registry answered " + status + " to a registration of " + record);
		}
	}

	private static List<String> instanceIds(String body) {
		try {
			return asList(JSON.readTree(body).path("application").path("instance")).stream()
					.filter(node -> "UP".equals(node.path("status").asText()))
					.map(node -> node.path("instanceId").asText()).sorted().collect(Collectors.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Any kit service with this environment plus every credential of the platform. */
	ServiceProcess start(String service, int port, Map<String, String> environment, List<String> arguments) {
		Map<String, String> withCredentials = credentialsEnvironment();
		withCredentials.putAll(environment);
		return startExactly(service, port, withCredentials, arguments);
	}

	/** Any kit service with exactly this environment (plus the machine's, minus the kit's own variables). */
	ServiceProcess startExactly(String service, int port, Map<String, String> environment, List<String> arguments) {
		int instance = instanceCounts.merge(service, 1, Integer::sum);
		Map<String, String> processEnvironment = new HashMap<>(System.getenv());
		KIT_VARIABLES.forEach(processEnvironment::remove);
		processEnvironment.putAll(environment);
		ServiceProcess process = ServiceProcess.start(service + "-" + id + "-" + instance, Kit.jar(service), port,
				processEnvironment, arguments);
		started.add(process);
		return process;
	}

	/** Every service gets the credentials it may need (as ./platform does); a test may override them. */
	Map<String, String> credentialsEnvironment() {
		Map<String, String> environment = new HashMap<>();
		environment.put("CONFIG_SERVER_USER", configServerUser.user());
		environment.put("CONFIG_SERVER_PASSWORD", configServerUser.password());
		environment.put("EUREKA_USER", eurekaUser.user());
		environment.put("EUREKA_PASSWORD", eurekaUser.password());
		environment.put("MANAGEMENT_USER", managementUser.user());
		environment.put("MANAGEMENT_PASSWORD", managementUser.password());
		return environment;
	}

	/** The registry's address with its credentials, as Eureka clients are given it. */
	String eurekaUri() {
		return "http://" + eurekaUser.user() + ":" + eurekaUser.password() + "@127.0.0.1:" + discoveryPort + "/eureka/";
	}

	private Map<String, String> clientEnvironment(Map<String, Integer> ports) {
		Map<String, String> environment = new HashMap<>();
		ports.forEach((name, port) -> environment.put(name, Integer.toString(port)));
		environment.put("CONFIG_SERVER_URI", "http://127.0.0.1:" + configServerPort);
		environment.put("EUREKA_URI", eurekaUri());
		environment.put("ZIPKIN_URI", "http://127.0.0.1:" + zipkinPort + "/");
		return environment;
	}

	private List<String> clientArguments() {
		return zipkinEnabled ? List.of() : List.of("--spring.zipkin.enabled=false");
	}

	/** Gracefully and all at once: each service takes seconds to shut down, and none needs another to do so. */
	@Override
	public void close() {
		List<ServiceProcess> processes;
		synchronized (started) {
			processes = new ArrayList<>(started);
		}
		processes.parallelStream().forEach(ServiceProcess::stop);
		config.close();
		try {
			Runtime.getRuntime().removeShutdownHook(killOnExit);
		}
		catch (IllegalStateException alreadyExiting) {
			// the hook is running or has run; it kills whatever is left
		}
	}

	private void killAll() {
		synchronized (started) {
			started.forEach(ServiceProcess::kill);
		}
	}

}
