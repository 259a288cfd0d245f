package io.github.cloudkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import com.netflix.appinfo.ApplicationInfoManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The settings come from the real config repo on disk ({@link SampleServiceTest}); the message from a file the test
 * edits, read again by {@code /actuator/refresh} just as a new commit is.
 */
@SampleServiceTest
class SampleServiceApplicationTests {

	private static final Path MESSAGE_FILE = Paths.get(SampleServiceTest.MESSAGE_FILE);

	static {
		writeMessage("before refresh");
	}

	@Autowired
	TestRestTemplate http;

	@LocalServerPort
	int port;

	@Test
	void answersTheConfiguredMessageAndTheNewOneAfterARefresh() {
		String id = http.getForObject("/id", String.class);
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
		assertThat(http.getForObject("/id", String.class)).as("the registered id, rebound").isEqualTo(id);
	}

	@Test
	void aRefreshToAnEmptyMessageIsRejectedAndTheMessageStays() {
		writeMessage("kept");
		management().postForEntity("/actuator/refresh", null, String.class);
		double rejectedBefore = rejectedRefreshes();

		writeMessage("''");
		ResponseEntity<String> refreshed = management().postForEntity("/actuator/refresh", null, String.class);

		assertThat(refreshed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refreshed.getBody()).startsWith("{\"status\":409");
		assertThat(http.getForObject("/", String.class)).isEqualTo("kept");
		assertThat(rejectedRefreshes()).isEqualTo(rejectedBefore + 1);

		writeMessage("applied again");
		assertThat(management().postForEntity("/actuator/refresh", null, String.class).getBody()).isEqualTo("[\"message\"]");
		assertThat(http.getForObject("/", String.class)).isEqualTo("applied again");
	}

	/** kit_config_refreshes_total{...,outcome="rejected"} from the Prometheus page. */
	private double rejectedRefreshes() {
		String page = management().getForObject("/actuator/prometheus", String.class);
		return page.lines().filter(line -> line.startsWith("kit_config_refreshes_total{") && line.contains("outcome=\"rejected\""))
				.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
				.orElseThrow(() -> new AssertionError("no kit_config_refreshes_total in\n" + page));
	}

	@Autowired
	ApplicationInfoManager eureka;

	@Test
	void withoutAPortItRegistersThePortItBoundUnderAnIdOfItsOwnProcess() {
		assertThat(port).isPositive();

		assertThat(eureka.getInfo().getPort()).as("the port sent to the registry").isEqualTo(port);
		assertThat(eureka.getInfo().getHealthCheckUrl()).isEqualTo("http://127.0.0.1:" + port + "/actuator/health");
		String id = "sample-service:localhost:pid-" + ProcessHandle.current().pid();
		assertThat(eureka.getInfo().getInstanceId()).isEqualTo(id);
		assertThat(http.getForObject("/id", String.class)).isEqualTo(id);
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
