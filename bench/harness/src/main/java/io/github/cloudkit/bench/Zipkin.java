package io.github.cloudkit.bench;

import java.util.Optional;

import io.github.cloudkit.testsupport.Http;

/** How many spans Zipkin has received over HTTP, from its Prometheus endpoint. */
final class Zipkin {

	private final int port;

	Zipkin(int port) {
		this.port = port;
	}

	Optional<Long> spans() {
		return Http.okBody("http://127.0.0.1:" + port + "/prometheus").flatMap(Zipkin::spansFromPrometheus);
	}

	/** The span count once it has stopped growing for a second (at most ~10 s): reporters send in the background. */
	Optional<Long> spansSettled() throws InterruptedException {
		Optional<Long> previous = spans();
		for (int tries = 0; tries < 10; tries++) {
			Thread.sleep(1000);
			Optional<Long> current = spans();
			if (current.equals(previous)) {
				break;
			}
			previous = current;
		}
		return previous;
	}

	static Optional<Long> spansFromPrometheus(String body) {
		return PrometheusText.sum(body, "zipkin_collector_spans_total", "transport", "http").map(Math::round);
	}

}
