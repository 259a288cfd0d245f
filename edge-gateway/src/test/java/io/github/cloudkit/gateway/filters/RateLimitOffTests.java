package io.github.cloudkit.gateway.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.github.cloudkit.gateway.GatewayProperties;
import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without profile {@code ratelimit} there is no limit at all. */
class RateLimitOffTests extends GatewayTestSupport {

	@Autowired
	GatewayProperties properties;

	@Test
	void manyRequestsFromOneClientAreNeverLimited() {
		assertThat(properties.getRateLimit().isEnabled()).isFalse();
		String key = unique("busy-client");

		for (int i = 0; i < 150; i++) {
			HttpResponse<String> response = get("/hello/id", "X-API-Key", key);
			assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
			assertThat(response.headers().firstValue(RateLimitFilter.REMAINING_HEADER)).isEmpty();
		}
	}
}
