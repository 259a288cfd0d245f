package io.github.cloudkit.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.cloudkit.testsupport.Http;

/**
 * A steady stream of GETs at a fixed rate for a fixed time, on loopback; counts every outcome. Bounded by
 * construction: rate × duration requests, each with a timeout.
 */
final class LoadGenerator implements AutoCloseable {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2)).build();
	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
	private final List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
	private final CompletableFuture<Void> scheduled = new CompletableFuture<>();
	private final Http.Credentials credentials;
	private boolean stopped;

	private LoadGenerator(Http.Credentials credentials) {
		this.credentials = credentials;
	}

	/** One request's result: status (0 when the request itself failed), whether it was the gateway's fallback, latency. */
	record Outcome(int status, boolean fallback, long millis) {
	}

	/** What happened to every request sent; {@code statuses} counts every answer by status (0: no answer). */
	record Summary(int sent, int succeeded, int fellBack, Map<String, Integer> failed, long longestMillis,
			Map<Integer, Integer> statuses) {

		int failedCount() {
			return failed.values().stream().mapToInt(Integer::intValue).sum();
		}

		@Override
		public String toString() {
			return String.format("sent %d, succeeded %d, fell back %d, failed %d %s, longest %d ms", sent, succeeded,
					fellBack, failedCount(), failed, longestMillis);
		}

	}

	static LoadGenerator start(String url, int perSecond, Duration duration) {
		return start(url, perSecond, duration, null);
	}

	/** The same stream, every request with these Basic credentials (a client with a wrong password, say). */
	static LoadGenerator start(String url, int perSecond, Duration duration, Http.Credentials credentials) {
		LoadGenerator generator = new LoadGenerator(credentials);
		long total = perSecond * duration.toSeconds();
		long periodMicros = 1_000_000L / perSecond;
		generator.scheduler.scheduleAtFixedRate(() -> {
			synchronized (generator.outcomes) {
				if (generator.stopped || generator.outcomes.size() >= total) {
					generator.scheduled.complete(null);
					throw new IllegalStateException("done"); // cancels the schedule
				}
				generator.outcomes.add(generator.send(url));
			}
		}, 0, periodMicros, TimeUnit.MICROSECONDS);
		return generator;
	}

	private CompletableFuture<Outcome> send(String url) {
		long started = System.nanoTime();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
		if (credentials != null) {
			request.header("Authorization", credentials.header());
		}
		return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
				.thenApply(response -> new Outcome(response.statusCode(), isFallback(response), elapsed(started)))
				.exceptionally(failure -> new Outcome(0, false, elapsed(started)));
	}

	private static boolean isFallback(HttpResponse<String> response) {
		return response.statusCode() == 503 && response.body().contains("\"route\"");
	}

	private static long elapsed(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

	/** Sends no more requests from now on (for a stream started with a generous duration). */
	void stopSending() {
		synchronized (outcomes) {
			stopped = true;
		}
	}

	/** Waits until every request was sent and answered. */
	Summary await() {
		scheduled.orTimeout(10, TimeUnit.MINUTES).join();
		List<CompletableFuture<Outcome>> all;
		synchronized (outcomes) {
			all = new ArrayList<>(outcomes);
		}
		CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
		int succeeded = 0;
		int fellBack = 0;
		long longest = 0;
		Map<String, Integer> failed = new TreeMap<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (CompletableFuture<Outcome> future : all) {
			Outcome outcome = future.join();
			statuses.merge(outcome.status(), 1, Integer::sum);
			longest = Math.max(longest, outcome.millis());
			if (outcome.status() == 200) {
				succeeded++;
			}
			else if (outcome.fallback()) {
				fellBack++;
			}
			else {
				failed.merge(outcome.status() == 0 ? "no answer" : Integer.toString(outcome.status()), 1, Integer::sum);
			}
		}
		return new Summary(all.size(), succeeded, fellBack, failed, longest, statuses);
	}

	@Override
	public void close() {
		scheduler.shutdownNow();
	}

}
