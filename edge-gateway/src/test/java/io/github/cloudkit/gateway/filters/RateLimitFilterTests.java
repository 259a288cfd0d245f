package io.github.cloudkit.gateway.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Profile {@code ratelimit}, with config-repo/edge-gateway-ratelimit.yml loaded as the config server would for
 * that profile. Only the bucket sizes are made small here, so the test needs few requests; {@code enabled}
 * comes from the profile's file.
 */
@ActiveProfiles("ratelimit")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, args = {
		"--spring.cloud.config.enabled=false",
		"--spring.cloud.bus.enabled=false",
		"--eureka.client.enabled=false",
		"--ribbon.eureka.enabled=false",
		"--spring.zipkin.enabled=false",
		"--spring.config.additional-location=file:../config-repo/application.yml,file:../config-repo/edge-gateway.yml,"
				+ "file:../config-repo/edge-gateway-ratelimit.yml",
		"--kit.gateway.rate-limit.capacity=3",
		"--kit.gateway.rate-limit.refill-per-second=1",
		"--kit.gateway.rate-limit.max-clients=20",
		"--zuul.routes.flaky.path=/flaky/**", "--zuul.routes.flaky.serviceId=flaky-service",
		"--zuul.routes.refused.path=/refused/**", "--zuul.routes.refused.serviceId=refused-service",
		"--zuul.routes.down.path=/down/**", "--zuul.routes.down.serviceId=down-service",
		"--zuul.routes.empty.path=/empty/**", "--zuul.routes.empty.serviceId=empty-service" })
class RateLimitFilterTests extends GatewayTestSupport {

	@Autowired
	RateLimitFilter filter;

	@Test
	void aClientOverItsBucketGets429WithRetryAfterAndOthersAreNotAffected() throws InterruptedException {
		String key = unique("client");
		for (int remaining = 2; remaining >= 0; remaining--) {
			HttpResponse<String> allowed = get("/hello/id", "X-API-Key", key);
			assertThat(allowed.statusCode()).isEqualTo(200);
			assertThat(allowed.headers().firstValue(RateLimitFilter.REMAINING_HEADER)).hasValue(String.valueOf(remaining));
		}

		HttpResponse<String> limited = get("/hello/id", "X-API-Key", key);

		assertErrorShape(limited, 429, "hello", "rate limit exceeded for this client");
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(get("/hello/id", "X-API-Key", unique("other-client")).statusCode()).isEqualTo(200);

		// Retry-After tells the truth: one token is back after that long.
		Thread.sleep(1100);
		assertThat(get("/hello/id", "X-API-Key", key).statusCode()).isEqualTo(200);
	}

	@Test
	void withoutAnApiKeyTheClientIsItsAddress() {
		int status = 200;
		for (int i = 0; i < 10 && status == 200; i++) {
			status = get("/hello/id").statusCode();
		}

		assertThat(status).isEqualTo(429);
		assertThat(get("/hello/id", "X-API-Key", unique("keyed")).statusCode()).isEqualTo(200);
	}

	@Test
	void aFloodOfDistinctKeysKeepsABoundedNumberOfBuckets() {
		for (int i = 0; i < 60; i++) {
			get("/hello/id", "X-API-Key", unique("flood"));
		}

		assertThat(filter.clientsTracked()).isLessThanOrEqualTo(20);
	}
}
