package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ./platform new-service} in a scratch clone of the kit, as a team runs it: what it refuses writes nothing;
 * what it makes builds, starts with {@code ./platform up} and answers through the gateway.
 */
class NewServiceIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private Path clone;

	@BeforeEach
	void cloneTheKit() {
		clone = Scratch.cloneOfTheKit("new-service");
	}

	@AfterEach
	void removeTheClone() {
		Scratch.delete(clone);
	}

	static Stream<Arguments> badInput() {
		return Stream.of(
				Arguments.of(List.of("Order-service"), 1, "is not a valid application name"),
				Arguments.of(List.of("order service"), 1, "is not a valid application name"),
				Arguments.of(List.of("1-order-service"), 1, "is not a valid application name"),
				Arguments.of(List.of("order--service"), 1, "is not a valid application name"),
				Arguments.of(List.of("a" + "-very-long-name".repeat(3)), 1, "is longer than 40 characters"),
				Arguments.of(List.of("sample-service"), 1, "'sample-service' is taken"),
				Arguments.of(List.of("edge-gateway"), 1, "'edge-gateway' is taken"),
				Arguments.of(List.of("docs"), 1, "'docs' is taken"),
				Arguments.of(List.of("package-service"), 1, "is a Java keyword"),
				Arguments.of(List.of("greeting-service", "--path", "/hello"), 1, "'/hello' is already routed"),
				Arguments.of(List.of("greeting-service", "--path", "/hello/en"), 1, "'/hello/en' is already routed"),
				Arguments.of(List.of("greeting-service", "--path", "/actuator"), 1, "the gateway's own"),
				Arguments.of(List.of("greeting-service", "--path", "hello"), 1, "is not a route prefix"),
				Arguments.of(List.of("greeting-service", "--path"), 2, "usage: ./platform new-service"),
				Arguments.of(List.of(), 2, "usage: ./platform new-service"),
				Arguments.of(List.of("greeting-service", "--force"), 2, "unexpected argument '--force'"));
	}

	@ParameterizedTest
	@MethodSource("badInput")
	void badInputIsRefusedInOneLineAndWritesNothing(List<String> arguments, int exitStatus, String message) {
		Processes.Result result = newService(arguments);

		assertThat(result.exitStatus()).as(result.output()).isEqualTo(exitStatus);
		assertThat(result.output().strip().lines()).hasSize(1).first().asString()
				.startsWith("platform: new-service: ").contains(message);
		assertThat(Scratch.gitStatus(clone)).as("git status after the refusal").isEmpty();
	}

	@Test
	void aDirtyConfigRepositoryIsRefusedAndLeftAsItWas() throws IOException {
		Path config = clone.resolve("config-repo/sample-service.yml");
		Files.writeString(config, Files.readString(config) + "message: not committed yet\n");
		String before = Scratch.gitStatus(clone);

		Processes.Result result = newService(List.of("order-service"));

		assertThat(result.exitStatus()).as(result.output()).isEqualTo(1);
		assertThat(result.output()).contains("config-repo/ has uncommitted changes");
		assertThat(Scratch.gitStatus(clone)).isEqualTo(before).isEqualTo(" M config-repo/sample-service.yml");
	}

	@Test
	void theSameNameTwiceIsRefusedTheSecondTime() {
		Processes.Result first = newService(List.of("order-service"));
		assertThat(first.exitStatus()).as(first.output()).isZero();
		Scratch.commitAll(clone, "Add order-service");

		Processes.Result second = newService(List.of("order-service"));

		assertThat(second.exitStatus()).as(second.output()).isEqualTo(1);
		assertThat(second.output()).contains("'order-service' is taken");
		assertThat(Scratch.gitStatus(clone)).isEmpty();
		// A different name for the same prefix is refused too: /orders is routed now.
		Processes.Result samePath = newService(List.of("purchase-service", "--path", "/orders"));
		assertThat(samePath.output()).contains("'/orders' is already routed");
		assertThat(Scratch.gitStatus(clone)).isEmpty();
	}

	@Test
	void itWritesTheModuleAndEveryEntryAServiceNeedsAndTellsWhatToDoNext() throws IOException {
		Processes.Result result = newService(List.of("order-service"));

		assertThat(result.exitStatus()).as(result.output()).isZero();
		assertThat(Scratch.gitStatus(clone).lines().filter(line -> !line.startsWith("?? order-service/")))
				.containsExactlyInAnyOrder(" M config-repo/edge-gateway.yml", " M docker-compose.yml",
						" M manifests/manifest.yml", " M pom.xml", "?? config-repo/order-service.yml");
		Path module = clone.resolve("order-service");
		assertThat(module.resolve("src/main/java/io/github/cloudkit/order/OrderServiceApplication.java")).exists();
		assertThat(module.resolve("src/test/java/io/github/cloudkit/order/OrderServiceApplicationTests.java")).exists();
		assertThat(Files.readString(module.resolve("src/main/resources/bootstrap.yml"))).contains("name: order-service");
		assertThat(Files.readString(module.resolve("pom.xml"))).contains("<artifactId>order-service</artifactId>")
				.contains("io.github.cloudkit.order.OrderServiceApplication");
		// The template's names are gone from the copy; what it has left is the template's own code, renamed.
		try (Stream<Path> files = Files.walk(module)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(file)).as(file.toString()).doesNotContain("sample-service", "SampleService",
						"io.github.cloudkit.sample");
			}
		}
		String gateway = Files.readString(clone.resolve("config-repo/edge-gateway.yml"));
		assertThat(gateway).contains("    orders:\n      path: /orders/**\n      serviceId: order-service\n")
				.contains("clients: sample-service,order-service");
		assertThat(Files.readString(clone.resolve("manifests/manifest.yml")))
				.contains("- name: order-service\n  path: ../order-service/target/order-service.jar\n");
		assertThat(Files.readString(clone.resolve("docker-compose.yml"))).contains("  order-service:\n")
				.contains("args: { MODULE: order-service }");
		assertThat(Kit.launcher(clone, Map.of(), "services")).contains("order-service");
		assertThat(result.output()).contains("git commit", "./mvnw -B -q package -DskipTests", "./platform up",
				"curl localhost:${GATEWAY_PORT:-8080}/orders");
	}

	/**
	 * The README's steps after the scaffold: commit, build, ./platform up; then the new service answers through the
	 * gateway (its list, one item, a new item), is UP in Eureka, and its API is in the gateway's Swagger UI.
	 */
	@Test
	void theNewServiceIsBuiltStartedAndCalledThroughTheGateway() throws Exception {
		assertThat(newService(List.of("order-service")).exitStatus()).isZero();
		Scratch.commitAll(clone, "Add order-service");
		Processes.Result build = Processes.run(List.of(clone.resolve("mvnw").toString(), "-B", "-q", "-o", "package",
				"-DskipTests"), clone, Map.of(), Duration.ofMinutes(10));
		assertThat(build.succeeded()).as(build.output()).isTrue();

		Map<String, String> ports = new LinkedHashMap<>();
		for (String port : Kit.launcher(Map.of(), "port-variables")) {
			ports.put(port, Integer.toString(Kit.freePort()));
		}
		String gateway = "http://127.0.0.1:" + ports.get("GATEWAY_PORT");
		try {
			Processes.Result up = Processes.run(List.of(clone.resolve("platform").toString(), "up", "--instances", "1"),
					clone, ports, Duration.ofMinutes(8));
			assertThat(up.succeeded()).as(up.output()).isTrue();
			assertThat(up.output()).contains("order-service-1");

			assertThat(up.output()).contains("waiting for /hello to route", "waiting for /orders to route");
			// ./platform up returned once the gateway routes to every application service: no wait here.
			assertThat(Http.require(gateway + "/orders").status()).isEqualTo(200);
			Http.Response list = Http.require(gateway + "/orders/items");
			assertThat(list.status()).isEqualTo(200);
			assertThat(JSON.readTree(list.body()).isArray()).as(list.body()).isTrue();

			Http.Response created = Http.send(HttpRequest.newBuilder(URI.create(gateway + "/orders/items"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"first order\",\"quantity\":2}"))).orElseThrow();
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = JSON.readTree(created.body()).path("id").asText();
			Http.Response one = Http.require(gateway + "/orders/items/" + id);
			assertThat(one.status()).as(one.body()).isEqualTo(200);
			assertThat(JSON.readTree(one.body()).path("name").asText()).isEqualTo("first order");
			assertThat(JSON.readTree(Http.require(gateway + "/orders/items").body()).findValuesAsText("name"))
					.contains("first order");

			Http.Credentials eureka = new Http.Credentials("eureka",
					Kit.generatedCredentials(clone.resolve(".platform")).get("EUREKA_PASSWORD"));
			String registered = Http.getJson("http://127.0.0.1:" + ports.get("DISCOVERY_PORT")
					+ "/eureka/apps/ORDER-SERVICE", eureka).orElseThrow().body();
			assertThat(JSON.readTree(registered).path("application").path("instance").findValuesAsText("status"))
					.containsExactly("UP");

			JsonNode swagger = JSON.readTree(Http.require(gateway + "/v3/api-docs/swagger-config").body());
			assertThat(swagger.path("urls").findValuesAsText("name")).contains("order-service", "sample-service");
			Http.Response api = Http.require(gateway + "/orders/v3/api-docs");
			assertThat(api.status()).isEqualTo(200);
			assertThat(JSON.readTree(api.body()).path("paths").has("/items")).as(api.body()).isTrue();
		}
		finally {
			Processes.Result down = Processes.run(List.of(clone.resolve("platform").toString(), "down"), clone, ports,
					Duration.ofMinutes(3));
			assertThat(down.succeeded()).as(down.output()).isTrue();
		}
	}

	private Processes.Result newService(List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(clone.resolve("platform").toString(), "new-service"));
		command.addAll(arguments);
		return Processes.run(command, clone, Map.of(), Duration.ofSeconds(60));
	}

}
