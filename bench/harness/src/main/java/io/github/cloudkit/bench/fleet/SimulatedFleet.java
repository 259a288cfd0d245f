package io.github.cloudkit.bench.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Simulated instances at one profile's intervals: each renews its lease every renewal interval and fetches
 * the registry's delta every fetch interval, as a Eureka client does, spread evenly over the interval. An
 * instance the registry no longer knows (404 to a renewal) registers again, as a real client does; those are
 * counted. Everything runs on a bounded pool of workers, so a slow registry shows up as latency, not as an
 * unbounded pile of threads.
 */
final class SimulatedFleet implements AutoCloseable {

	/** A client profile: the kit's local one (3 s) or Cloud Foundry's (Eureka's defaults, 30 s). */
	record Profile(String name, int renewalSeconds, int leaseSeconds, int fetchSeconds) {
	}

	/** What a measuring window saw. */
	record Window(Histogram renewals, Histogram deltaFetches, long deltaBytes, long reRegistrations, long failures,
			long dropped, long seconds) {
	}

	private static final int APPLICATION_SIZE = 10;

	private final Registry registry;
	private final Profile profile;
	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("fleet-schedule"));
	private final ExecutorService workers;
	/** Registrations and cancels wait for their turn (never dropped), apart from the heartbeats' workers. */
	private final ExecutorService registering = Executors.newFixedThreadPool(16, daemon("fleet-register"));
	private final List<Instance> instances = new ArrayList<>();
	private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
	private final Recorder renewals = new Recorder(3);
	private final Recorder deltaFetches = new Recorder(3);
	private final AtomicLong deltaBytes = new AtomicLong();
	private final AtomicLong reRegistrations = new AtomicLong();
	private final AtomicLong failures = new AtomicLong();
	private final AtomicLong dropped = new AtomicLong();
	private long windowStarted = System.nanoTime();

	SimulatedFleet(Registry registry, Profile profile, int workerThreads) {
		this.registry = registry;
		this.profile = profile;
		// A bounded backlog: when the registry (or this machine) cannot keep up, heartbeats and fetches are
		// dropped and counted rather than queued without end.
		this.workers = new java.util.concurrent.ThreadPoolExecutor(workerThreads, workerThreads, 0, TimeUnit.SECONDS,
				new java.util.concurrent.ArrayBlockingQueue<>(20_000), daemon("fleet-worker"),
				(task, pool) -> dropped.incrementAndGet());
	}

	int size() {
		return instances.size();
	}

	/**
	 * Registers instances until there are {@code count}, as fast as the workers can; answers the registrations
	 * per second, then starts their heartbeats and fetches.
	 */
	double growTo(int count) {
		List<Instance> added = new ArrayList<>();
		long now = System.currentTimeMillis();
		for (int n = instances.size(); n < count; n++) {
			String app = String.format("SIM-APP-%04d", n / APPLICATION_SIZE);
			added.add(new Instance(app, app.toLowerCase() + ":" + profile.name() + "-" + n, "127.0.0.1", 9,
					profile.renewalSeconds(), profile.leaseSeconds(), now));
		}
		long started = System.nanoTime();
		List<java.util.concurrent.Future<?>> registrations = new ArrayList<>();
		for (Instance instance : added) {
			registrations.add(registering.submit(() -> {
				if (registry.register(instance).status() != 204) {
					failures.incrementAndGet();
				}
			}));
		}
		for (java.util.concurrent.Future<?> registration : registrations) {
			try {
				registration.get();
			}
			catch (Exception ex) {
				failures.incrementAndGet();
			}
		}
		double perSecond = added.size() / Math.max(1e-3, (System.nanoTime() - started) / 1e9);
		for (Instance instance : added) {
			schedule(instance);
		}
		instances.addAll(added);
		return perSecond;
	}

	private void schedule(Instance instance) {
		long renewalMillis = profile.renewalSeconds() * 1000L;
		long fetchMillis = profile.fetchSeconds() * 1000L;
		tasks.add(scheduler.scheduleAtFixedRate(() -> workers.execute(() -> renew(instance)),
				ThreadLocalRandom.current().nextLong(renewalMillis), renewalMillis, TimeUnit.MILLISECONDS));
		tasks.add(scheduler.scheduleAtFixedRate(() -> workers.execute(this::fetchDelta),
				ThreadLocalRandom.current().nextLong(fetchMillis), fetchMillis, TimeUnit.MILLISECONDS));
	}

	private void renew(Instance instance) {
		Registry.Answer answer = registry.renew(instance);
		if (answer.status() == 200) {
			renewals.recordValue(answer.micros());
		}
		else if (answer.status() == 404) {
			reRegistrations.incrementAndGet();
			registry.register(instance);
		}
		else {
			failures.incrementAndGet();
		}
	}

	private void fetchDelta() {
		Registry.Answer answer = registry.fetchDelta();
		if (answer.status() == 200) {
			deltaFetches.recordValue(answer.micros());
			deltaBytes.addAndGet(answer.wireBytes());
		}
		else {
			failures.incrementAndGet();
		}
	}

	/** Starts a measuring window: what happened before it no longer counts. */
	void startWindow() {
		renewals.reset();
		deltaFetches.reset();
		deltaBytes.set(0);
		reRegistrations.set(0);
		failures.set(0);
		dropped.set(0);
		windowStarted = System.nanoTime();
	}

	Window window() {
		return new Window(renewals.getIntervalHistogram(), deltaFetches.getIntervalHistogram(), deltaBytes.get(),
				reRegistrations.get(), failures.get(), dropped.get(), (System.nanoTime() - windowStarted) / 1_000_000_000L);
	}

	/** Stops every heartbeat and fetch and cancels every registration. */
	@Override
	public void close() {
		tasks.forEach(task -> task.cancel(false));
		tasks.clear();
		List<java.util.concurrent.Future<?>> cancels = new ArrayList<>();
		for (Instance instance : instances) {
			cancels.add(registering.submit(() -> registry.cancel(instance)));
		}
		for (java.util.concurrent.Future<?> cancel : cancels) {
			try {
				cancel.get(60, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// the registry evicts what was not cancelled once the lease expires
			}
		}
		instances.clear();
		scheduler.shutdownNow();
		workers.shutdownNow();
		registering.shutdownNow();
	}

	static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicLong count = new AtomicLong();
		return runnable -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
