package io.github.cloudkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Routing, round robin and retry through real backends. */
class RoutingTests extends GatewayTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void theWalkthroughRouteStripsItsPrefix() {
		HttpResponse<String> root = get("/hello");
		HttpResponse<String> id = get("/hello/id");

		assertThat(root.statusCode()).isEqualTo(200);
		assertThat(root.body()).matches("BACKEND [AB] GET /");
		assertThat(id.statusCode()).isEqualTo(200);
		assertThat(id.body()).matches("BACKEND [AB] GET /id");
	}

	@Test
	void queryStringAndBodyReachTheBackend() {
		String path = "/" + unique("echo");

		HttpResponse<String> response = send("PUT", "/hello" + path + "?q=1", "payload");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(backends.received("PUT", path)).extracting(r -> r.body).containsExactly("payload");
	}

	@Test
	void roundRobinAlternatesBetweenTheTwoInstances() {
		List<String> servedBy = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = get("/hello/rr");
			assertThat(response.statusCode()).isEqualTo(200);
			servedBy.add(response.headers().firstValue("X-Backend").orElseThrow());
		}

		assertThat(servedBy).containsOnly("A", "B");
		for (int i = 1; i < servedBy.size(); i++) {
			assertThat(servedBy.get(i)).as("request %d", i).isNotEqualTo(servedBy.get(i - 1));
		}
	}

	@Test
	void getsSurviveAnInstanceThatRefusesConnections() {
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = get("/flaky/" + i);
			assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("BACKEND A GET /" + i);
		}
		// The closed port was tried (and each such attempt retried on A), not just skipped.
		assertThat(meters.find("gateway.upstream.attempt.failures").tag("service", "flaky-service")
				.tag("exception", "HttpHostConnectException").counter())
				.isNotNull().satisfies(counter -> assertThat(counter.count()).isGreaterThanOrEqualTo(1));
	}

	@Test
	void aPostThatNeverReachedAServerIsSentToTheNextOneExactlyOnce() {
		String path = "/" + unique("post-refused");
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> response = send("POST", "/refused" + path, "body-" + i);
			assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
		}

		List<Backends.Recorded> received = backends.received("POST", path);
		assertThat(received).extracting(r -> r.body).containsExactly("body-0", "body-1", "body-2", "body-3");
		assertThat(received).extracting(r -> r.backend).containsOnly("B");
	}

	@Test
	void aPostThatReachedAServerIsNotRetriedAfterAReadTimeout() throws InterruptedException {
		String path = "/" + unique("slow-post");

		HttpResponse<String> response = send("POST", "/hello" + path, "once");

		assertErrorShape(response, 503, "sample-service", "the service did not answer in time");
		Thread.sleep(500);
		assertThat(backends.received("POST", path)).hasSize(1);
	}

	@Test
	void aHeadThatTimedOutIsRetriedOnTheOtherInstance() {
		String path = "/" + unique("slow-head");

		HttpResponse<String> response = send("HEAD", "/hello" + path, null);

		// Every attempt timed out reading (2 s each), within the 8 s Hystrix timeout.
		assertThat(response.statusCode()).isEqualTo(503);
		// The first attempt and two retries, each on the next instance of two: A, B, A or B, A, B.
		assertThat(backends.received("HEAD", path)).extracting(r -> r.backend).hasSize(3).contains("A", "B");
	}

	@Test
	void aConditionalGetPassesThroughAndItsNotModifiedComesBackUnchanged() {
		String path = "/" + unique("etag");
		HttpResponse<String> first = get("/hello" + path);
		String etag = first.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> again = get("/hello" + path, "If-None-Match", etag);

		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.headers().firstValue("ETag")).hasValue(etag);
		assertThat(again.body()).isEmpty();
		assertThat(backends.received("GET", path)).extracting(r -> r.header("If-None-Match"))
				.containsExactlyInAnyOrder(null, etag);
		assertThat(get("/hello" + path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
	}

	@Test
	void exposesLatencyHistogramsAndGatewayMetricsToPrometheus() {
		get("/hello/metrics");

		String scrape = get("/actuator/prometheus", MANAGEMENT).body();

		assertThat(scrape).contains("http_server_requests_seconds_bucket{application=\"edge-gateway\"")
				.contains("uri=\"/hello/**\"")
				.contains("gateway_requests_inflight{application=\"edge-gateway\"");
	}
}
