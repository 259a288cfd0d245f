package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FixedRateLoadTests {

	/** Time enough for every request to be sent even on a busy machine: these tests count, not time. */
	private static final Duration PATIENT = Duration.ofSeconds(60);

	private HttpServer server;

	@AfterEach
	void stop() {
		if (server != null) {
			server.stop(0);
		}
	}

	@Test
	void rateTimesDurationRequestsEachAnsweredAndTimed() throws Exception {
		AtomicInteger received = new AtomicInteger();
		String url = serve(exchange -> {
			received.incrementAndGet();
			answer(exchange, received.get() % 10 == 0 ? 500 : 200);
		});
		FixedRateLoad.Result result = FixedRateLoad.run(url, 100, Duration.ofSeconds(2), PATIENT);
		assertThat(result.due()).isEqualTo(200);
		assertThat(received.get()).isEqualTo(200);
		assertThat(result.succeeded()).isEqualTo(180);
		assertThat(result.failed()).isEqualTo(20);
		assertThat(result.unsent()).isZero();
		assertThat(result.latencyMicros()).hasSize(200).isSorted();
		assertThat(result.latencyMicros()[0]).isNotNegative();
	}

	@Test
	void aStallCountsAgainstEveryRequestItHeldUp() throws Exception {
		// One worker thread on the server: the first request is held 500 ms, and the 25 due meanwhile (one every
		// 20 ms) wait for it: their latencies count from when they were due, not from when they got through.
		AtomicInteger received = new AtomicInteger();
		String url = serve(exchange -> {
			if (received.incrementAndGet() == 1) {
				sleep(500);
			}
			answer(exchange, 200);
		});
		FixedRateLoad.Result result = FixedRateLoad.run(url, 50, Duration.ofSeconds(2), PATIENT);
		long[] latencies = result.latencyMicros();
		assertThat(result.succeeded()).isEqualTo(100);
		assertThat(latencies[latencies.length - 1]).isGreaterThanOrEqualTo(500_000);
		assertThat(Arrays.stream(latencies).filter(micros -> micros >= 200_000).count()).isGreaterThanOrEqualTo(10);
	}

	@Test
	void whatCannotBeSentInTimeFailsInsteadOfQueueingForever() throws Exception {
		// Every answer takes 300 ms: 64 connections carry at most ~213 a second, far below 1,000.
		String url = serve(exchange -> {
			sleep(300);
			answer(exchange, 200);
		}, FixedRateLoad.CONNECTIONS);
		FixedRateLoad.Result result = FixedRateLoad.run(url, 1000, Duration.ofSeconds(1));
		assertThat(result.due()).isEqualTo(1000);
		assertThat(result.unsent()).isGreaterThan(400);
		assertThat(result.failed()).isEqualTo(result.unsent());
		assertThat(result.succeeded() + result.failed()).isEqualTo(1000);
	}

	private interface Handler {
		void handle(HttpExchange exchange) throws IOException;
	}

	private String serve(Handler handler) throws IOException {
		return serve(handler, 1);
	}

	private String serve(Handler handler, int threads) throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
		server.createContext("/", exchange -> {
			try (exchange) {
				handler.handle(exchange);
			}
		});
		server.setExecutor(Executors.newFixedThreadPool(threads));
		server.start();
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
	}

	private static void answer(HttpExchange exchange, int status) throws IOException {
		byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
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
