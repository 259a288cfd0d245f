package io.github.cloudkit.gateway.filters;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class RequestLoggingFilterTests extends GatewayTestSupport {

	@Test
	void logsMethodAndUrlOfEveryRoutedRequest(CapturedOutput output) {
		get("/hello/id");
		send("POST", "/hello/form?x=1", "a=b");

		assertThat(output.getOut())
				.contains("GET request to http://127.0.0.1:" + port + "/hello/id")
				.contains("POST request to http://127.0.0.1:" + port + "/hello/form?x=1");
	}

	@Test
	void doesNotLogRequestsThatNoRouteHandles(CapturedOutput output) {
		get("/not-routed");

		assertThat(output.getOut()).doesNotContain("request to http://127.0.0.1:" + port + "/not-routed");
	}
}
