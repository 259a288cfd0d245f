package io.github.cloudkit.gateway.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.netflix.zuul.exception.ZuulException;

import io.github.cloudkit.gateway.FailureInjectionFilters;
import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/** A failure anywhere in the gateway becomes the JSON error shape, with a trace id and nothing internal. */
class JsonErrorFilterTests extends GatewayTestSupport {

	@Test
	void aFailureInAPreFilterAnswersJsonWithItsStatus() {
		HttpResponse<String> response = get("/hello/id", FailureInjectionFilters.HEADER, "pre");

		assertErrorShape(response, 500, "hello", "the gateway failed to handle the request");
		assertThat(response.body()).doesNotContain("do-not-leak", "IllegalState");
		assertThat(response.headers().firstValue(TraceIdHeaderFilter.HEADER)).isPresent();
	}

	@Test
	void aFailureAfterTheBackendAnsweredReplacesItsAnswer() {
		HttpResponse<String> response = get("/hello/id", FailureInjectionFilters.HEADER, "post");

		assertErrorShape(response, 500, "hello", "the gateway failed to handle the request");
		assertThat(response.headers().firstValue("X-Backend")).isEmpty();
		assertThat(response.headers().firstValue(TraceIdHeaderFilter.HEADER)).isPresent();
	}

	@Test
	void aBrowserStillGetsJson() {
		HttpResponse<String> response = get("/hello/id", FailureInjectionFilters.HEADER, "pre", "Accept",
				"text/html");

		assertErrorShape(response, 500, "hello", null);
	}

	@Test
	void theGatewayKeepsRoutingAfterFailures() {
		for (int i = 0; i < 5; i++) {
			get("/hello/id", FailureInjectionFilters.HEADER, i % 2 == 0 ? "pre" : "post");
		}

		assertThat(get("/hello/id").statusCode()).isEqualTo(200);
	}

	@Test
	void takesTheStatusFromTheZuulExceptionAndDefaultsTo500() {
		assertThat(JsonErrorFilter.statusOf(new RuntimeException(new ZuulException("x", 502, "bad gateway"))))
				.isEqualTo(502);
		assertThat(JsonErrorFilter.statusOf(new ZuulException("x", 200, "not an error status"))).isEqualTo(500);
		assertThat(JsonErrorFilter.statusOf(new IllegalStateException())).isEqualTo(500);
		assertThat(JsonErrorFilter.messageFor(400)).isEqualTo("the gateway rejected the request");
	}
}
