package io.github.cloudkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTests {

	private HttpServer server;

	@AfterEach
	void stopServer() {
		if (server != null) {
			server.stop(0);
		}
	}

	/** Answers 200, the gateway's fallback (503 naming the route) and a plain 500, in turn. */
	@Test
	void countsEveryOutcomeOfRateTimesDurationRequests() throws IOException {
		AtomicInteger received = new AtomicInteger();
		String url = serve(exchange -> {
			int n = received.incrementAndGet();
			if (n % 3 == 1) {
				answer(exchange, 200, "ok");
			}
			else if (n % 3 == 2) {
				answer(exchange, 503, "{\"route\":\"hello\",\"error\":\"unavailable\"}");
			}
			else {
				answer(exchange, 500, "boom");
			}
		});
		try (LoadGenerator load = LoadGenerator.start(url, 30, Duration.ofSeconds(1))) {
			LoadGenerator.Summary summary = load.await();
			assertThat(summary.sent()).isEqualTo(30);
			assertThat(summary.succeeded()).isEqualTo(10);
			assertThat(summary.fellBack()).isEqualTo(10);
			assertThat(summary.failed()).containsExactly(java.util.Map.entry("500", 10));
			assertThat(summary.failedCount()).isEqualTo(10);
			assertThat(summary.statuses()).containsEntry(200, 10).containsEntry(503, 10).containsEntry(500, 10);
			assertThat(received.get()).isEqualTo(30);
		}
	}

	@Test
	void sendsAtTheFixedRateUntilStopped() throws Exception {
		String url = serve(exchange -> answer(exchange, 200, "ok"));
		long started = System.nanoTime();
		try (LoadGenerator load = LoadGenerator.start(url, 20, Duration.ofMinutes(5))) {
			Thread.sleep(1_000);
			load.stopSending();
			double seconds = (System.nanoTime() - started) / 1e9;
			LoadGenerator.Summary summary = load.await();
			// Never ahead of the schedule (one at once, then one every 50 ms); on a busy machine the sleep may last
			// longer than a second, and a late sender catches up, so at least half the schedule was sent.
			assertThat(summary.sent()).isLessThanOrEqualTo((int) (1 + seconds * 20)).isGreaterThanOrEqualTo((int) (seconds * 10));
			assertThat(summary.succeeded()).isEqualTo(summary.sent());
		}
	}

	@Test
	void latencyCountsFromTheIntendedSendTime() throws Exception {
		// One request held for 600 ms by a server with a single worker: those queued behind it were due meanwhile.
		AtomicInteger received = new AtomicInteger();
		String url = serve(exchange -> {
			if (received.incrementAndGet() == 1) {
				sleep(600);
			}
			answer(exchange, 200, "ok");
		});
		try (LoadGenerator load = LoadGenerator.start(url, 50, Duration.ofSeconds(1))) {
			LoadGenerator.Summary summary = load.await();
			assertThat(summary.succeeded()).isEqualTo(50);
			assertThat(summary.longestMillis()).isGreaterThanOrEqualTo(600);
		}
	}

	@Test
	void aServerThatIsNotThereIsNoAnswer() {
		try (LoadGenerator load = LoadGenerator.start("http://127.0.0.1:1/", 10, Duration.ofSeconds(1))) {
			LoadGenerator.Summary summary = load.await();
			assertThat(summary.sent()).isEqualTo(10);
			assertThat(summary.failed()).containsExactly(java.util.Map.entry("no answer", 10));
			assertThat(summary.statuses()).containsExactly(java.util.Map.entry(0, 10));
		}
	}

	private interface Handler {
		void handle(HttpExchange exchange) throws IOException;
	}

	private String serve(Handler handler) throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			try (exchange) {
				handler.handle(exchange);
			}
		});
		server.setExecutor(Executors.newSingleThreadExecutor());
		server.start();
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
