package io.github.cloudkit.bench.fleet;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A real backend of the gateway's route, registered like a kit instance (the local 3 s / 5 s lease) under
 * the routed application's name: how long until the gateway sends it traffic, and, once its heartbeats stop
 * without a goodbye (a crash), how long until the gateway stops. It keeps answering meanwhile, so the client
 * never notices either way; what counts is when its first and its last request arrive.
 */
final class ProbeInstance {

	/** Seconds from registration to the first routed request, and from the last heartbeat to the last one. */
	record Timings(double routedSeconds, double leftSeconds) {
	}

	private static final int RENEWAL_SECONDS = 3;
	private static final int LEASE_SECONDS = 5;
	private static final Duration QUIET = Duration.ofSeconds(10);
	private static final Duration LIMIT = Duration.ofSeconds(120);

	private final Registry registry;
	private final String application;
	private final String gatewayUrl;
	private final HttpClient client;

	ProbeInstance(Registry registry, String application, String gatewayUrl, HttpClient client) {
		this.registry = registry;
		this.application = application;
		this.gatewayUrl = gatewayUrl;
		this.client = client;
	}

	Timings measure(String name) throws IOException, InterruptedException {
		AtomicLong firstHit = new AtomicLong();
		AtomicLong lastHit = new AtomicLong();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		server.createContext("/", exchange -> {
			long now = System.nanoTime();
			firstHit.compareAndSet(0, now);
			lastHit.set(now);
			byte[] body = name.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.setExecutor(Executors.newFixedThreadPool(4, SimulatedFleet.daemon("probe-server")));
		server.start();
		Instance instance = new Instance(application, application.toLowerCase() + ":" + name, "127.0.0.1",
				server.getAddress().getPort(), RENEWAL_SECONDS, LEASE_SECONDS, System.currentTimeMillis());
		ScheduledExecutorService load = Executors.newScheduledThreadPool(2, SimulatedFleet.daemon("probe-load"));
		ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(SimulatedFleet.daemon("probe-heartbeat"));
		try {
			// A light stream through the gateway (20 requests a second) that round robin spreads over the instances.
			load.scheduleAtFixedRate(this::throughGateway, 0, 50, TimeUnit.MILLISECONDS);
			long registered = System.nanoTime();
			if (registry.register(instance).status() != 204) {
				throw new IllegalStateException("the registry refused the probe's registration");
			}
			AtomicLong renewals = new AtomicLong();
			AtomicLong lastRenewal = new AtomicLong();
			heartbeat.scheduleAtFixedRate(() -> {
				if (registry.renew(instance).status() == 200) {
					lastRenewal.set(System.nanoTime());
					renewals.incrementAndGet();
				}
			}, RENEWAL_SECONDS, RENEWAL_SECONDS, TimeUnit.SECONDS);
			while (firstHit.get() == 0 && System.nanoTime() - registered < LIMIT.toNanos()) {
				Thread.sleep(100);
			}
			double routed = firstHit.get() == 0 ? Double.NaN : (firstHit.get() - registered) / 1e9;
			// A running instance, heartbeating, before it crashes: without a renewal its lease would still be
			// the registration's, which Eureka lets expire sooner.
			while (renewals.get() < 2 && System.nanoTime() - registered < LIMIT.toNanos()) {
				Thread.sleep(100);
			}
			// Crash: no more heartbeats, no cancel.
			heartbeat.shutdownNow();
			heartbeat.awaitTermination(5, TimeUnit.SECONDS);
			long silent = lastRenewal.get() != 0 ? lastRenewal.get() : System.nanoTime();
			while (System.nanoTime() - silent < LIMIT.toNanos()
					&& System.nanoTime() - Math.max(lastHit.get(), silent) < QUIET.toNanos()) {
				Thread.sleep(200);
			}
			boolean left = System.nanoTime() - Math.max(lastHit.get(), silent) >= QUIET.toNanos();
			return new Timings(routed, left ? Math.max(0, lastHit.get() - silent) / 1e9 : Double.NaN);
		}
		finally {
			load.shutdownNow();
			heartbeat.shutdownNow();
			registry.cancel(instance);
			server.stop(0);
			((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
		}
	}

	private void throughGateway() {
		try {
			client.send(HttpRequest.newBuilder(URI.create(gatewayUrl)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			// counted by nobody: the probe only watches which instance the gateway chooses
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
