package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.cloudkit.testsupport.Processes;

/**
 * What one run has started, so that all of it is stopped again: on success, on failure and on Ctrl-C (from a
 * shutdown hook). Stops by PID only. Afterwards it keeps the raw outputs in bench/last-run/ and writes the
 * results to their destination, once everything is stopped.
 */
final class Run {

	final Options options;
	final Path kitRoot;
	final Path benchDirectory;
	final WorkFolder work;
	final Platform platform;
	final Wrk wrk;
	/** Extra gateways of the tracing comparison, started by the harness itself. */
	final List<Long> extraGateways = new CopyOnWriteArrayList<>();
	/** The services of a stock start (bench/run --stock-start), started by the harness itself. */
	final List<Long> stockProcesses = new CopyOnWriteArrayList<>();
	volatile Nginx nginx;
	private volatile boolean finished;

	Run(Options options, Path kitRoot) {
		this.options = options;
		this.kitRoot = kitRoot;
		this.benchDirectory = kitRoot.resolve("bench");
		this.work = WorkFolder.create();
		this.platform = new Platform(kitRoot, work);
		this.wrk = new Wrk(options.threads(), options.connections());
	}

	void stopExtraGateways() {
		Processes.stopAll(List.copyOf(extraGateways), Duration.ofSeconds(20));
		extraGateways.clear();
	}

	/** Being stopped (or stopped): what fails now fails because of it, and need not be reported. */
	boolean stopping() {
		return finished;
	}

	/** Stops everything, keeps bench/last-run/, writes the results; runs once (the hook finds it done). */
	synchronized void finish(boolean failed) {
		if (finished) {
			return;
		}
		finished = true;
		wrk.stop();
		// The extra gateways get SIGTERM first so that they shut down while the platform does.
		extraGateways.forEach(Processes::terminate);
		Nginx proxy = nginx;
		if (proxy != null) {
			proxy.stop();
		}
		platform.stopAll();
		stopExtraGateways();
		Processes.stopAll(List.copyOf(stockProcesses), Duration.ofSeconds(20));
		Path lastRun = benchDirectory.resolve("last-run");
		try {
			work.copyToLastRun(lastRun);
			if (Files.isRegularFile(work.results)) {
				Files.createDirectories(options.out().getParent());
				Files.copy(work.results, options.out(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			if (options.soak() && Files.isDirectory(work.soak) && !options.out().equals(lastRun.resolve("soak"))) {
				// Written also when the soak failed its verdict: a failed soak's table and plot are its findings.
				Files.createDirectories(options.out());
				for (String file : List.of("soak.md", "soak.tsv", "soak.png")) {
					WorkFolder.copyIfThere(work.soak.resolve(file), options.out().resolve(file));
				}
			}
		}
		catch (IOException ex) {
			Console.sayError("could not keep the outputs of this run: " + ex.getMessage());
		}
		if (options.keep()) {
			Console.say("work folder kept: " + work.root);
		}
		else {
			work.delete();
		}
		if (failed) {
			Console.say("raw outputs and logs of this run: " + lastRun + "/");
		}
	}

}
