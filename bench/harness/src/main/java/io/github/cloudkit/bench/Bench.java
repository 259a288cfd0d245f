package io.github.cloudkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * bench/run: the kit's benchmark harness. The shell wrapper only finds Java and builds the jars; parsing,
 * orchestration, statistics and the report are here. Exit status: 0 done, 1 failed, 2 a bad command line
 * (nothing started, nothing written), 130/143 interrupted.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] arguments) {
		Locale.setDefault(Locale.ROOT);
		// The registry-scale plot is drawn without a display.
		System.setProperty("java.awt.headless", "true");
		Path kitRoot = kitRoot();
		Options options;
		try {
			options = Options.parse(List.of(arguments), Path.of("").toAbsolutePath(), kitRoot.resolve("bench"));
		}
		catch (Options.HelpRequested help) {
			System.out.print(Options.USAGE);
			return;
		}
		catch (Options.BadOptions bad) {
			System.err.println("bench: " + bad.getMessage());
			System.err.println();
			System.err.print(Options.USAGE);
			System.exit(2);
			return;
		}
		System.exit(run(options, kitRoot));
	}

	private static int run(Options options, Path kitRoot) {
		if (options.footprint()) {
			return footprint(options, kitRoot);
		}
		Tools tools;
		try {
			tools = Tools.check(!options.bus() && !options.soak() && !options.highAvailability() && !options.stockStart(),
					options.soak());
		}
		catch (BenchFailure missing) {
			Console.sayError("FAILED: " + missing.getMessage());
			return 1;
		}
		Run run = new Run(options, kitRoot);
		if (options.soak()) {
			Console.say("mode soak" + (options.quick() ? " quick" : "") + ": " + options.minutes() + " minutes at "
					+ options.rate() + " requests/s; work folder " + run.work.root);
		}
		else if (options.highAvailability()) {
			Console.say("mode ha" + (options.quick() ? " quick" : "") + ": " + options.rounds() + " round(s) of ./platform up "
					+ "and ./platform up --ha; work folder " + run.work.root);
		}
		else if (options.stockStart()) {
			Console.say("mode stock-start" + (options.quick() ? " quick" : "") + ": " + options.rounds() + " round(s) of "
					+ "./platform up and java -jar of every service; work folder " + run.work.root);
		}
		else if (options.bus()) {
			Console.say("mode bus" + (options.quick() ? " quick" : "") + ": " + options.commits() + " commits, "
					+ BusMode.INSTANCES + " sample instances; work folder " + run.work.root);
		}
		else {
			Console.say("mode " + (options.quick() ? "quick" : "full") + ": wrk -t" + options.threads() + " -c"
					+ options.connections() + " -d" + options.durationSeconds() + "s --latency, " + options.rounds()
					+ " round(s); work folder " + run.work.root);
		}
		Thread hook = new Thread(() -> {
			Console.say("interrupted: stopping everything this run started");
			run.finish(true);
		}, "bench-cleanup");
		Runtime.getRuntime().addShutdownHook(hook);
		boolean failed = true;
		try {
			if (options.registryScale()) {
				new RegistryScaleMode(run).measure();
			}
			else if (options.bus()) {
				new BusMode(run).measure();
			}
			else if (options.soak()) {
				new SoakMode(run).measure();
			}
			else if (options.highAvailability()) {
				new HighAvailabilityMode(run).measure();
			}
			else if (options.stockStart()) {
				new StockStartMode(run).measure();
			}
			else {
				new ThroughputBenchmark(run, tools).measure();
			}
			failed = false;
		}
		catch (Exception ex) {
			// After Ctrl-C the hook stops what this thread is using: its failure then is no news.
			if (!run.stopping()) {
				Console.sayError("FAILED: " + (ex instanceof BenchFailure ? ex.getMessage() : ex.toString()));
				if (!(ex instanceof BenchFailure)) {
					ex.printStackTrace();
				}
			}
		}
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException shuttingDown) {
			// The hook is already running (Ctrl-C meanwhile): it stops everything.
		}
		run.finish(failed);
		if (!failed && !options.registryScale()) {
			Console.say("results: " + kitRoot.relativize(options.out().toAbsolutePath()) + " (raw outputs: bench/last-run/)");
		}
		return failed ? 1 : 0;
	}

	/** bench/run --footprint: only reads the results files given and writes the report; starts nothing. */
	private static int footprint(Options options, Path kitRoot) {
		try {
			ColdStartComparison cold = new ColdStartComparison(
					options.coldBefore().stream().map(ColdStartTable::read).toList(),
					options.coldAfter().stream().map(ColdStartTable::read).toList());
			String date = Markdown.producedNow();
			String markdown = new FootprintReport(cold, options.coldBefore().stream().map(MemoryAfterLoad::read).toList(),
					options.coldAfter().stream().map(MemoryAfterLoad::read).toList(), date).markdown();
			Files.createDirectories(options.out().toAbsolutePath().getParent());
			Files.writeString(options.out(), markdown);
			System.out.print(markdown);
			Console.say("results: " + kitRoot.relativize(options.out().toAbsolutePath()));
			return 0;
		}
		catch (BenchFailure | java.io.IOException ex) {
			Console.sayError("FAILED: " + ex.getMessage());
			return 1;
		}
	}

	/** The kit's root folder: given by bench/run, else the working directory when it holds ./platform. */
	private static Path kitRoot() {
		String given = System.getProperty("kit.root");
		Path root = given != null ? Path.of(given) : Path.of("").toAbsolutePath();
		if (!Files.isExecutable(root.resolve("platform"))) {
			System.err.println("bench: " + root + " holds no ./platform: run bench/run from the kit");
			System.exit(2);
		}
		return root.toAbsolutePath().normalize();
	}

}
