package io.github.cloudkit.bench.scg;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's peer does the job it is compared on: two instances of sample-service (from Spring Cloud's simple
 * discovery instead of Eureka), one of which refuses every connection, behind the route.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.cloud.config.enabled=false",
		"eureka.client.enabled=false", "spring.zipkin.enabled=false" })
class ScgGatewayApplicationTests {

	private static final List<Headers> received = new CopyOnWriteArrayList<>();
	private static final HttpServer backend = startBackend();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.sample-service[0].uri",
				() -> "http://127.0.0.1:" + crashedInstancePort());
		registry.add("spring.cloud.discovery.client.simple.instances.sample-service[1].uri",
				() -> "http://127.0.0.1:" + backend.getAddress().getPort());
	}

	@AfterAll
	static void stopBackend() {
		backend.stop(0);
	}

	@Test
	void everyGetIsAnsweredByTheLiveInstanceWithoutTheClientsCredentialsOrCookies() {
		received.clear();
		for (int i = 0; i < 6; i++) {
			client.get().uri("/hello").header("Authorization", "Basic dXNlcjpwYXNz").header("Cookie", "session=1")
					.exchange().expectStatus().isOk().expectHeader().doesNotExist("Set-Cookie").expectBody(String.class)
					.isEqualTo("hello from /");
		}
		assertThat(received).hasSize(6)
				.allSatisfy(headers -> assertThat(headers).doesNotContainKeys("Authorization", "Cookie"));
	}

	@Test
	void aPostIsNotRetriedAndFallsBackToAJson503WhenItsInstanceRefuses() {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			EntityExchangeResult<String> result = client.post().uri("/hello").exchange().expectBody(String.class).returnResult();
			statuses.add(result.getRawStatusCode());
			if (result.getStatus() == HttpStatus.SERVICE_UNAVAILABLE) {
				assertThat(result.getResponseBody()).contains("\"route\":\"hello\"").contains("\"status\":503");
			}
		}
		// Round robin over the two instances: every other POST reaches the dead one, and stays there.
		assertThat(statuses).containsOnly(200, 503).filteredOn(status -> status == 503).hasSize(2);
	}

	private static HttpServer startBackend() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				received.add(exchange.getRequestHeaders());
				byte[] body = ("hello from " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Set-Cookie", "backend=1");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Where an instance that has just crashed was: its server started, then stopped. */
	private static int crashedInstancePort() {
		HttpServer server = startBackend();
		int port = server.getAddress().getPort();
		server.stop(0);
		return port;
	}

}
