package io.github.cloudkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The shared settings come from the real config repo on disk; the message from a file the test edits, read
 * again by {@code /actuator/refresh} just as a new commit is. No {@code PORT} is set, so the service chooses
 * its own free port (DEFINED_PORT keeps Spring's test support from overriding it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, args = {
		"--spring.cloud.config.enabled=false",
		"--eureka.client.register-with-eureka=false",
		"--eureka.client.fetch-registry=false",
		"--spring.zipkin.enabled=false",
		"--spring.security.user.name=ops",
		"--spring.security.user.password=test-password",
		"--spring.config.additional-location=file:../config-repo/application.yml,file:target/test-config/sample-service.yml" })
class SampleServiceApplicationTests {

	private static final Path MESSAGE_FILE = Paths.get("target/test-config/sample-service.yml");

	static {
		writeMessage("before refresh");
	}

	@Autowired
	TestRestTemplate http;

	@LocalServerPort
	int port;

	@Test
	void answersTheConfiguredMessageAndTheNewOneAfterARefresh() {
		writeMessage("before refresh");
		management().postForEntity("/actuator/refresh", null, String.class);
		assertThat(http.getForObject("/", String.class)).isEqualTo("before refresh");

		writeMessage("after refresh");
		assertThat(http.getForObject("/", String.class)).isEqualTo("before refresh");

		assertThat(http.postForEntity("/actuator/refresh", null, String.class).getStatusCode())
				.as("refresh without credentials").isEqualTo(HttpStatus.UNAUTHORIZED);
		ResponseEntity<String> refreshed = management().postForEntity("/actuator/refresh", null, String.class);

		assertThat(refreshed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(refreshed.getBody()).isEqualTo("[\"message\"]");
		assertThat(http.getForObject("/", String.class)).isEqualTo("after refresh");
	}

	@Test
	void answersItsInstanceIdBuiltFromNameHostAndTheRealPort() {
		assertThat(port).isPositive();

		assertThat(http.getForObject("/id", String.class)).isEqualTo("sample-service:localhost:" + port);
	}

	@Test
	void exposesPrometheusMetricsTaggedWithTheApplication() {
		http.getForObject("/", String.class);

		assertThat(management().getForObject("/actuator/prometheus", String.class))
				.contains("http_server_requests_seconds_count{application=\"sample-service\"");
	}

	private TestRestTemplate management() {
		return http.withBasicAuth("ops", "test-password");
	}

	private static void writeMessage(String message) {
		try {
			Files.createDirectories(MESSAGE_FILE.getParent());
			Files.write(MESSAGE_FILE, ("message: " + message + "\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
