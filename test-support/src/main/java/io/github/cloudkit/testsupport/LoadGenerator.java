package io.github.cloudkit.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady stream of GETs at a fixed rate for a fixed time, on loopback; counts every outcome. Requests are sent at
 * their intended times (the i-th at start + i / rate) and each one's latency counts from that intended time, not from
 * when it actually left: a stalled sender or server shows as latency of the requests it held up instead of as
 * requests never sent (no coordinated omission). Bounded by construction: rate × duration requests, each with a
 * timeout.
 */
public final class LoadGenerator implements AutoCloseable {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2)).build();
	private final String url;
	private final Http.Credentials credentials;
	private final long total;
	private final long periodNanos;
	private final Duration duration;
	private final Thread sender;
	private volatile boolean stopped;
	// Guarded by this: the counts of every answered request and how many are still in flight.
	private int sent;
	private int inFlight;
	private int succeeded;
	private int fellBack;
	private long longestMillis;
	private final Map<String, Integer> failed = new TreeMap<>();
	private final Map<Integer, Integer> statuses = new TreeMap<>();

	private LoadGenerator(String url, int perSecond, Duration duration, Http.Credentials credentials) {
		if (perSecond <= 0 || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("a positive rate and duration, not " + perSecond + "/s for " + duration);
		}
		this.url = url;
		this.credentials = credentials;
		this.duration = duration;
		this.total = perSecond * duration.toSeconds();
		this.periodNanos = 1_000_000_000L / perSecond;
		this.sender = new Thread(this::sendAll, "load-generator");
		sender.setDaemon(true);
	}

	/** One request's result: status (0 when the request itself failed), whether it was the gateway's fallback, latency. */
	public record Outcome(int status, boolean fallback, long millis) {
	}

	/** What happened to every request sent; {@code statuses} counts every answer by status (0: no answer). */
	public record Summary(int sent, int succeeded, int fellBack, Map<String, Integer> failed, long longestMillis,
			Map<Integer, Integer> statuses) {

		public int failedCount() {
			return failed.values().stream().mapToInt(Integer::intValue).sum();
		}

		@Override
		public String toString() {
			return String.format("sent %d, succeeded %d, fell back %d, failed %d %s, longest %d ms", sent, succeeded,
					fellBack, failedCount(), failed, longestMillis);
		}

	}

	public static LoadGenerator start(String url, int perSecond, Duration duration) {
		return start(url, perSecond, duration, null);
	}

	/** The same stream, every request with these Basic credentials (a client with a wrong password, say). */
	public static LoadGenerator start(String url, int perSecond, Duration duration, Http.Credentials credentials) {
		LoadGenerator generator = new LoadGenerator(url, perSecond, duration, credentials);
		generator.sender.start();
		return generator;
	}

	private void sendAll() {
		long start = System.nanoTime();
		for (long i = 0; i < total && !stopped; i++) {
			long due = start + i * periodNanos;
			for (long wait = due - System.nanoTime(); wait > 0 && !stopped; wait = due - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			if (stopped) {
				break;
			}
			send(due);
		}
	}

	private void send(long dueNanos) {
		synchronized (this) {
			sent++;
			inFlight++;
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
		if (credentials != null) {
			request.header("Authorization", credentials.header());
		}
		try {
			client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
					.thenApply(response -> new Outcome(response.statusCode(), isFallback(response), sinceMillis(dueNanos)))
					.exceptionally(failure -> new Outcome(0, false, sinceMillis(dueNanos))).thenAccept(this::count);
		}
		catch (RuntimeException refused) {
			count(new Outcome(0, false, sinceMillis(dueNanos)));
		}
	}

	private synchronized void count(Outcome outcome) {
		statuses.merge(outcome.status(), 1, Integer::sum);
		longestMillis = Math.max(longestMillis, outcome.millis());
		if (outcome.status() == 200) {
			succeeded++;
		}
		else if (outcome.fallback()) {
			fellBack++;
		}
		else {
			failed.merge(outcome.status() == 0 ? "no answer" : Integer.toString(outcome.status()), 1, Integer::sum);
		}
		inFlight--;
		notifyAll();
	}

	private static boolean isFallback(HttpResponse<String> response) {
		return response.statusCode() == 503 && response.body().contains("\"route\"");
	}

	private static long sinceMillis(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

	/** Sends no more requests from now on (for a stream started with a generous duration). */
	public void stopSending() {
		stopped = true;
		LockSupport.unpark(sender);
	}

	/** The requests answered so far (those still in flight count as sent only). */
	public synchronized Summary snapshot() {
		return new Summary(sent, succeeded, fellBack, new TreeMap<>(failed), longestMillis, new TreeMap<>(statuses));
	}

	/** Waits until every request was sent and answered (or timed out). */
	public Summary await() {
		try {
			sender.join(duration.plusMinutes(1).toMillis());
			if (sender.isAlive()) {
				throw new IllegalStateException("the load generator still sends a minute after its " + duration);
			}
			long deadline = System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(5).toNanos();
			synchronized (this) {
				while (inFlight > 0 && System.nanoTime() < deadline) {
					wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
				}
				if (inFlight > 0) {
					throw new IllegalStateException(inFlight + " requests neither answered nor timed out");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the load's last answers", ex);
		}
		return snapshot();
	}

	@Override
	public void close() {
		stopSending();
	}

}
