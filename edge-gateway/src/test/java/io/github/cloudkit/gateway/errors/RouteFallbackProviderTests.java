package io.github.cloudkit.gateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.netflix.client.ClientException;
import com.netflix.hystrix.exception.HystrixTimeoutException;

import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;

class RouteFallbackProviderTests extends GatewayTestSupport {

	@Test
	void everyInstanceRefusingAnswers503JsonAtOnce() {
		long start = System.nanoTime();

		HttpResponse<String> response = get("/down/anything");

		assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(1000);
		assertErrorShape(response, 503, "down-service", "no instance of the service accepted the connection");
		assertThat(response.headers().firstValue("X-Served-By")).isEmpty();
	}

	@Test
	void noInstanceAtAllAnswers503Json() {
		HttpResponse<String> response = get("/empty/anything");

		assertErrorShape(response, 503, "empty-service", "no instance of the service is available");
	}

	@Test
	void theResponseItselfIsA503WithAJsonBody() throws IOException {
		ClientHttpResponse response = new RouteFallbackProvider().fallbackResponse("svc",
				new HystrixTimeoutException());

		assertThat(response.getRawStatusCode()).isEqualTo(503);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)).isEqualTo(
				"{\"status\":503,\"error\":\"Service Unavailable\",\"route\":\"svc\","
						+ "\"message\":\"the service did not answer in time\"}");
	}

	@Test
	void eachKindOfFailureGetsItsOwnShortMessageAndNeverTheExceptionText() {
		assertThat(RouteFallbackProvider.describe(new RuntimeException(new SocketTimeoutException("10.0.0.7"))))
				.isEqualTo("the service did not answer in time");
		assertThat(RouteFallbackProvider.describe(new ConnectException("Connection refused: 10.0.0.7")))
				.isEqualTo("no instance of the service accepted the connection");
		assertThat(RouteFallbackProvider.describe(
				new ClientException("Load balancer does not have available server for client: svc")))
				.isEqualTo("no instance of the service is available");
		assertThat(RouteFallbackProvider.describe(new RuntimeException("Hystrix circuit short-circuited and is OPEN")))
				.startsWith("the service failed repeatedly");
		assertThat(RouteFallbackProvider.describe(new RuntimeException("could not acquire a semaphore for execution")))
				.isEqualTo("too many concurrent requests to the service");
		assertThat(RouteFallbackProvider.describe(new IllegalStateException("secret internals")))
				.isEqualTo("the service could not be reached");
		assertThat(RouteFallbackProvider.describe(null)).isEqualTo("the service could not be reached");
	}
}
