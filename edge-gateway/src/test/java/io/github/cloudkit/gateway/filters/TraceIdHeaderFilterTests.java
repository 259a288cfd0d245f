package io.github.cloudkit.gateway.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import io.github.cloudkit.gateway.Backends;
import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;

class TraceIdHeaderFilterTests extends GatewayTestSupport {

	private static final String HEX_TRACE_ID = "[0-9a-f]{16}|[0-9a-f]{32}";

	@Test
	void carriesTheTraceIdThatWasPropagatedToTheBackend() {
		String path = "/" + unique("traced");

		HttpResponse<String> response = get("/hello" + path);

		String traceId = response.headers().firstValue(TraceIdHeaderFilter.HEADER).orElseThrow();
		assertThat(traceId).matches(HEX_TRACE_ID);
		List<Backends.Recorded> received = backends.received("GET", path);
		assertThat(received).hasSize(1);
		assertThat(received.get(0).header("X-B3-TraceId")).isEqualTo(traceId);
	}

	@Test
	void eachRequestHasItsOwnTrace() {
		String first = get("/hello/id").headers().firstValue(TraceIdHeaderFilter.HEADER).orElseThrow();
		String second = get("/hello/id").headers().firstValue(TraceIdHeaderFilter.HEADER).orElseThrow();

		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void isOnErrorsAndFallbacksToo() {
		assertThat(get("/not-routed").headers().firstValue(TraceIdHeaderFilter.HEADER))
				.hasValueSatisfying(id -> assertThat(id).matches(HEX_TRACE_ID));
		assertThat(get("/down/x").headers().firstValue(TraceIdHeaderFilter.HEADER))
				.hasValueSatisfying(id -> assertThat(id).matches(HEX_TRACE_ID));
	}
}
