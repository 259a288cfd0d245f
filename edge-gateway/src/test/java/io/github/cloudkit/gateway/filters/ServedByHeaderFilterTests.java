package io.github.cloudkit.gateway.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;

class ServedByHeaderFilterTests extends GatewayTestSupport {

	@Test
	void namesTheInstanceThatAnsweredInsteadOfWhatTheBackendClaims() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> response = get("/hello/served");
			String backend = response.headers().firstValue("X-Backend").orElseThrow();
			String expected = "A".equals(backend) ? backends.a.address() : backends.b.address();

			assertThat(response.headers().allValues(ServedByHeaderFilter.HEADER)).containsExactly(expected);
			seen.add(expected);
		}
		assertThat(seen).containsExactlyInAnyOrder(backends.a.address(), backends.b.address());
	}

	@Test
	void namesTheLiveInstanceWhenTheOtherRefusesConnections() {
		HttpResponse<String> response = get("/flaky/served");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues(ServedByHeaderFilter.HEADER)).containsExactly(backends.a.address());
	}

	@Test
	void isAbsentWhenNoInstanceAnswered() {
		HttpResponse<String> response = get("/down/served");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue(ServedByHeaderFilter.HEADER)).isEmpty();
	}
}
