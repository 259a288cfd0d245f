package io.github.cloudkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only configured routes are reachable; backends' management and registry paths never are. */
class ExposureTests extends GatewayTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "/hello/actuator/env", "/hello/actuator", "/hello/actuator/health",
			"/hello/%61ctuator/env", "/hello/x/actuator/env", "/hello/eureka/apps", "/hello/heapdump",
			"/hello/jolokia/read", "/zuul/hello/actuator/env", "/eureka/apps", "/sample-service/actuator/env",
			"/sample-service/id", "/nothing-routed-here" })
	void answersNotFoundJsonAndNeverTheBackend(String path) {
		int before = backends.all().size();

		HttpResponse<String> response = get(path);

		assertErrorShape(response, 404, null, "no route matches this path");
		assertThat(backends.all()).as("requests the backends received").hasSize(before);
	}

	@Test
	void aBrowserGetsJsonTooNotAnHtmlPage() {
		HttpResponse<String> response = get("/nothing-routed-here", "Accept", "text/html,application/xhtml+xml");

		assertErrorShape(response, 404, null, "no route matches this path");
	}

	@Test
	void theGatewaysOwnActuatorStillAnswers() {
		HttpResponse<String> health = get("/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("BACKEND");
	}

	@Test
	void backendPathsThatOnlyLookSimilarStillRoute() {
		HttpResponse<String> response = get("/hello/actuators-guide");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).matches("BACKEND [AB] GET /actuators-guide");
	}
}
