package io.github.cloudkit.gateway.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.cloudkit.gateway.FailureInjectionFilters;
import io.github.cloudkit.gateway.GatewayProperties;
import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LoadSheddingFilterTests extends GatewayTestSupport {

	@Autowired
	GatewayProperties properties;

	@Autowired
	LoadSheddingFilter filter;

	private final int configured = new GatewayProperties().getMaxInFlightPerRoute();

	@AfterEach
	void restore() {
		backends.releaseBlocked();
		properties.setMaxInFlightPerRoute(configured);
	}

	@Test
	void beyondTheBoundAnswers503WithRetryAfterAtOnceAndRecoversWhenRequestsFinish() throws Exception {
		properties.setMaxInFlightPerRoute(2);
		String blockPath = "/" + unique("block");

		List<CompletableFuture<HttpResponse<String>>> blocked = List.of(getAsync("/hello" + blockPath),
				getAsync("/hello" + blockPath));
		waitUntil(() -> backends.received("GET", blockPath).size() >= 2);
		assertThat(filter.inFlight("hello")).isEqualTo(2);

		long start = System.nanoTime();
		HttpResponse<String> shed = get("/hello/id");
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertErrorShape(shed, 503, "hello", "the route has too many requests in flight; retry shortly");
		assertThat(shed.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(millis).as("milliseconds to answer").isLessThan(1000);
		// Other routes have their own bound.
		assertThat(get("/flaky/other-route").statusCode()).isEqualTo(200);

		backends.releaseBlocked();
		for (CompletableFuture<HttpResponse<String>> request : blocked) {
			assertThat(request.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		waitUntil(() -> filter.inFlight("hello") == 0);
		assertThat(get("/hello/id").statusCode()).isEqualTo(200);
	}

	@Test
	void releasesThePermitWhenTheRequestFailsInsideTheGateway() throws Exception {
		properties.setMaxInFlightPerRoute(1);

		for (int i = 0; i < 3; i++) {
			HttpResponse<String> failed = get("/hello/id", FailureInjectionFilters.HEADER, i % 2 == 0 ? "pre" : "post");
			assertThat(failed.statusCode()).isEqualTo(500);
			// The permit goes back once the request is over, which can be just after the client has the answer.
			waitUntil(() -> filter.inFlight("hello") == 0);
		}
		assertThat(get("/down/x").statusCode()).isEqualTo(503);

		waitUntil(() -> filter.inFlight("hello") == 0 && filter.inFlight("down") == 0);
		HttpResponse<String> ok = get("/hello/id");
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
	}

	@Test
	void aBoundOfZeroMeansNoBound() {
		properties.setMaxInFlightPerRoute(0);

		assertThat(get("/hello/id").statusCode()).isEqualTo(200);
	}

	@Test
	void aPermitIsReleasedOnlyOnce() {
		java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger(1);
		LoadSheddingFilter.Permit permit = new LoadSheddingFilter.Permit(counter);

		permit.release();
		permit.release();

		assertThat(counter.get()).isZero();
	}

	private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
			Thread.sleep(20);
		}
	}
}
