package io.github.cloudkit.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;

/**
 * GETs at a fixed rate, timed from each request's intended send time (the i-th is due at start + i / rate), as
 * wrk2 does: a fixed pool of keep-alive connections, each worker taking the next due request, waiting for its time if
 * it is early and sending at once if it is late. A server that stalls leaves requests waiting for a free
 * connection, and that wait counts in their latency, instead of the requests simply not being sent (coordinated
 * omission). Every latency is kept (8 bytes a request) for exact percentiles. Bounded: the pool is the most in
 * flight, and requests still unsent a second after the run's end count as failed, so a path that cannot keep up
 * costs the run's time, not minutes of backlog.
 *
 * <p>
 * test-support's LoadGenerator (the fault suite's) times from the intended time too, but sends asynchronously with
 * the JDK's HttpClient, whose single selector thread could not keep up with a few thousand requests a second beside
 * the services on two cores: here one blocking Apache HttpClient call per worker costs far less per request.
 */
final class FixedRateLoad {

	/** How many connections, hence at most how many requests in flight. */
	static final int CONNECTIONS = 64;
	private static final Duration OVERRUN = Duration.ofSeconds(1);
	private static final int TIMEOUT_MILLIS = 10_000;

	/** What one run did: requests due, those answered 200, the latencies of all answered (μs, sorted). */
	record Result(int due, int succeeded, int failed, int unsent, long[] latencyMicros) {
	}

	private FixedRateLoad() {
	}

	static Result run(String url, int perSecond, Duration duration) throws InterruptedException {
		return run(url, perSecond, duration, OVERRUN);
	}

	/** The same, with requests still sendable until {@code overrun} after the run's end. */
	static Result run(String url, int perSecond, Duration duration, Duration overrun) throws InterruptedException {
		if (perSecond <= 0 || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("a positive rate and duration, not " + perSecond + "/s for " + duration);
		}
		int total = Math.toIntExact(perSecond * duration.toSeconds());
		long periodNanos = 1_000_000_000L / perSecond;
		long[] latencies = new long[total];
		Arrays.fill(latencies, -1);
		AtomicLong next = new AtomicLong();
		AtomicInteger succeeded = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
		pool.setMaxTotal(CONNECTIONS);
		pool.setDefaultMaxPerRoute(CONNECTIONS);
		RequestConfig timeouts = RequestConfig.custom().setConnectTimeout(2_000).setSocketTimeout(TIMEOUT_MILLIS)
				.setConnectionRequestTimeout(TIMEOUT_MILLIS).build();
		try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).setDefaultRequestConfig(timeouts)
				.disableAutomaticRetries().disableCookieManagement().disableRedirectHandling().disableContentCompression()
				.build()) {
			long start = System.nanoTime();
			long giveUp = start + duration.plus(overrun).toNanos();
			List<Thread> workers = new ArrayList<>();
			for (int w = 0; w < CONNECTIONS; w++) {
				Thread worker = new Thread(() -> {
					HttpGet get = new HttpGet(url);
					for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
						long due = start + i * periodNanos;
						for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
							LockSupport.parkNanos(wait);
						}
						if (System.nanoTime() > giveUp) {
							break;
						}
						boolean ok;
						try {
							HttpResponse response = client.execute(get);
							EntityUtils.consume(response.getEntity());
							ok = response.getStatusLine().getStatusCode() == 200;
						}
						catch (IOException ex) {
							ok = false;
						}
						latencies[(int) i] = (System.nanoTime() - due) / 1_000;
						(ok ? succeeded : failed).incrementAndGet();
					}
				}, "fixed-rate-" + w);
				worker.setDaemon(true);
				workers.add(worker);
				worker.start();
			}
			for (Thread worker : workers) {
				worker.join(duration.plus(overrun).plusSeconds(TIMEOUT_MILLIS / 1000 + 5).toMillis());
			}
		}
		catch (IOException closing) {
			// Closing the pool: nothing was left to measure.
		}
		long[] answered = Arrays.stream(latencies).filter(micros -> micros >= 0).sorted().toArray();
		int unsent = total - answered.length;
		return new Result(total, succeeded.get(), failed.get() + unsent, unsent, answered);
	}

}
