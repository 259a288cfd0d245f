package io.github.cloudkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway for most test classes (same settings, so Spring's test context cache shares it): the real
 * config-repo files, then target/test-config/edge-gateway-overrides.yml, which tests rewrite before a
 * {@code POST /actuator/refresh} just as a commit to the config repo would be. Ribbon gets static server lists
 * pointing at {@link Backends}, with one extra route per kind of failure:
 * <ul>
 * <li>{@code /hello/**} -> sample-service: backends A and B (the route from the config repo);</li>
 * <li>{@code /flaky/**} -> flaky-service: a closed port, then A;</li>
 * <li>{@code /refused/**} -> refused-service: a closed port, then B;</li>
 * <li>{@code /down/**} -> down-service: two closed ports;</li>
 * <li>{@code /empty/**} -> empty-service: no server at all.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, args = {
		"--spring.cloud.config.enabled=false",
		"--spring.cloud.bus.enabled=false",
		"--eureka.client.enabled=false",
		"--ribbon.eureka.enabled=false",
		"--spring.zipkin.enabled=false",
		"--spring.security.user.name=" + GatewayTestSupport.MANAGEMENT_USER,
		"--spring.security.user.password=" + GatewayTestSupport.MANAGEMENT_PASSWORD,
		"--spring.config.additional-location=file:../config-repo/application.yml,file:../config-repo/edge-gateway.yml,"
				+ "file:target/test-config/edge-gateway-overrides.yml",
		"--zuul.routes.flaky.path=/flaky/**", "--zuul.routes.flaky.serviceId=flaky-service",
		"--zuul.routes.refused.path=/refused/**", "--zuul.routes.refused.serviceId=refused-service",
		"--zuul.routes.down.path=/down/**", "--zuul.routes.down.serviceId=down-service",
		"--zuul.routes.empty.path=/empty/**", "--zuul.routes.empty.serviceId=empty-service" })
public abstract class GatewayTestSupport {

	public static final String MANAGEMENT_USER = "ops";
	public static final String MANAGEMENT_PASSWORD = "test-password";
	/** Basic credentials of the management user, for actuator endpoints other than health and info. */
	protected static final String[] MANAGEMENT = { "Authorization", "Basic " + java.util.Base64.getEncoder()
			.encodeToString((MANAGEMENT_USER + ":" + MANAGEMENT_PASSWORD).getBytes(StandardCharsets.UTF_8)) };

	public static final Path OVERRIDES = Paths.get("target/test-config/edge-gateway-overrides.yml");

	protected static final ObjectMapper JSON = new ObjectMapper();

	protected static final HttpClient HTTP = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

	private static final AtomicInteger UNIQUE = new AtomicInteger();

	static {
		writeOverrides("");
	}

	@LocalServerPort
	protected int port;

	protected final Backends backends = Backends.get();

	@DynamicPropertySource
	static void backendServers(DynamicPropertyRegistry registry) {
		Backends backends = Backends.get();
		registry.add("sample-service.ribbon.listOfServers", backends::sampleServers);
		registry.add("flaky-service.ribbon.listOfServers",
				() -> backends.dead(backends.deadPort1) + "," + backends.a.address());
		registry.add("refused-service.ribbon.listOfServers",
				() -> backends.dead(backends.deadPort2) + "," + backends.b.address());
		registry.add("down-service.ribbon.listOfServers",
				() -> backends.dead(backends.deadPort1) + "," + backends.dead(backends.deadPort2));
		registry.add("empty-service.ribbon.listOfServers", () -> "");
	}

	/** A path segment no other request used, so a test counts only its own requests at the backends. */
	protected static String unique(String prefix) {
		return prefix + "-" + UNIQUE.incrementAndGet() + "-" + System.nanoTime();
	}

	protected URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	protected HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET().build());
	}

	protected HttpResponse<String> send(String method, String path, String body, String... headers) {
		HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body);
		return send(request(path, headers).method(method, publisher).build());
	}

	protected CompletableFuture<HttpResponse<String>> getAsync(String path) {
		return HTTP.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	protected HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	protected static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Rewrites the overrides file and refreshes the gateway; answers the changed keys. */
	protected String refreshWith(String yaml) {
		writeOverrides(yaml);
		HttpResponse<String> refreshed = send("POST", "/actuator/refresh", null, MANAGEMENT);
		assertThat(refreshed.statusCode()).isEqualTo(200);
		return refreshed.body();
	}

	protected static JsonNode json(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/json"));
		try {
			return JSON.readTree(response.body());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The gateway's error shape, with nothing else in it (no exception, no trace, no path). */
	protected static void assertErrorShape(HttpResponse<String> response, int status, String route, String message) {
		assertThat(response.statusCode()).isEqualTo(status);
		JsonNode body = json(response);
		assertThat(body.size()).isEqualTo(4);
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("error").asText()).isNotBlank();
		if (route == null) {
			assertThat(body.get("route").isNull()).isTrue();
		}
		else {
			assertThat(body.get("route").asText()).isEqualTo(route);
		}
		if (message != null) {
			assertThat(body.get("message").asText()).isEqualTo(message);
		}
		assertThat(response.body()).doesNotContain("Exception", "\tat ", "BACKEND", "<html");
	}

	/**
	 * A refresh never drops a property source that is gone from the new environment, so an empty file would
	 * leave the previous overrides in force; a placeholder keeps the file's property source present.
	 */
	protected static void writeOverrides(String yaml) {
		if (yaml.isBlank()) {
			yaml = "kit-test:\n  overrides: none\n";
		}
		try {
			Files.createDirectories(OVERRIDES.getParent());
			Files.write(OVERRIDES, yaml.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
