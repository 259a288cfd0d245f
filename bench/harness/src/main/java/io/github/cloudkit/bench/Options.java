package io.github.cloudkit.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bench/run's command line, checked before anything is started or written. Quick mode changes the defaults
 * of the options not given, and the sizes of the warm-up and scaling steps.
 */
record Options(boolean quick, boolean registryScale, int durationSeconds, int rounds, int connections, int threads,
		int warmupMaxSeconds, Path out, boolean keep, boolean bus, int commits, List<Path> coldBefore,
		List<Path> coldAfter, boolean footprint, boolean soak, int minutes, int rate, boolean highAvailability,
		boolean stockStart) {

	static final String USAGE = """
			The kit's benchmark harness: one command, its own platform on free ports, results in bench/results.md.

			  bench/run [--quick] [--duration S] [--rounds N] [--connections C] [--threads T] [--warmup-max S]
			            [--out FILE] [--keep]
			  bench/run --registry-scale [--quick] [--warmup-max S] [--keep]
			  bench/run --bus [--quick] [--commits N] [--cold-before FILE ...] [--cold-after FILE ...] [--out FILE] [--keep]
			  bench/run --footprint --cold-before FILE ... --cold-after FILE ... [--out FILE]
			  bench/run --soak [--quick] [--minutes M] [--rate R] [--out DIR] [--keep]
			  bench/run --ha [--rounds N] [--out FILE] [--keep]
			  bench/run --stock-start [--quick] [--rounds N] [--out FILE] [--keep]

			It starts the platform with ./platform up (its own state folder, free ports, a temporary copy of
			config-repo/ as the config server's Git repository), warms it until the JIT compilers go quiet, then
			measures side by side, alternating: the sample service directly, an nginx reverse proxy, the edge gateway and
			Spring Cloud Gateway in front of it, at saturation (wrk) and at fixed rates below it; the gateway at three
			sampling rates; cold start; memory; scaling with 1, 2 and 4 sample instances. With --registry-scale it measures instead how many instances one registry holds;
			with --soak whether any process leaks memory, threads or descriptors over half an hour of load, restarts
			and commits.
			Everything it started is stopped again, also on failure and Ctrl-C. Needs wrk and nginx: sudo
			bench/install-tools. See bench/README.md.

			Options:
			  --quick          a smoke of the whole harness in about 4 minutes (short runs, 1 round, 1 and 2
			                   instances); figures are not meaningful; writes bench/last-run/results-quick.md
			  --duration S     seconds of each measured wrk run (default 20; quick 4)
			  --rounds N       rounds of each alternating comparison (default 3; quick 1)
			  --connections C  wrk connections (default 32)
			  --threads T      wrk threads (default 2)
			  --warmup-max S   give up waiting for the JIT to settle after S seconds (default 900; quick 15)
			  --out FILE       where to write the Markdown results (default bench/results.md; quick: see above)
			  --keep           keep the temporary work folder (state, logs, config repository) after the run
			  --registry-scale simulated fleets against the platform's registry at Cloud Foundry's 30 s and the kit's
			                   3 s intervals (100 to 5,000 instances, about 35 minutes): writes bench/registry-scale.md,
			                   .tsv and .png; with --quick a 5-minute smoke into bench/last-run/registry-scale/
			  --bus            how long a commit to config-repo/sample-service.yml takes to reach each of three
			                   sample-service instances over Spring Cloud Bus: writes bench/bus.md; with --quick 3
			                   commits into bench/last-run/bus-quick.md
			  --commits N      commits the bus mode makes, one at a time (default 10; quick 3)
			  --ha             what ./platform up --ha (two registry peers, two config servers) costs beside
			                   ./platform up: --rounds N alternating starts of each (default 3; quick 1), time to healthy
			                   and routing, every process's RSS: writes bench/high-availability.md; with --quick
			                   bench/last-run/high-availability-quick.md
			  --stock-start    ./platform up against the same services started the stock way (java -jar of each fat jar,
			                   no JVM options, all at once, the environment the launcher gave each): --rounds N
			                   alternating starts of each (default 3; quick 1), time to healthy and routing, their
			                   ratio: writes bench/stock-start.md; with --quick bench/last-run/stock-start-quick.md
			  --footprint      no platform: compares the results files of --cold-before and --cold-after (a build before
			                   and one after new services were added) and writes bench/footprint.md: per service time to
			                   healthy, "Started in" and RSS, the whole platform's cold start, and a verdict on the new
			                   services (RSS within 256 MB each, cold start grown by no more than their own start)
			  --cold-before FILE, --cold-after FILE
			                   results files of `bench/run --quick` (each may be given again, one per run) from a build
			                   before and one after a change (--bus: without and with the bus): the bus report and
			                   the footprint report compare their cold-start tables
			  --soak           the platform for M minutes under a fixed rate R through the gateway (GET /hello/id), a
			                   rolling restart of the sample instances every 5 minutes, a commit to sample-service.yml
			                   every minute; every 30 s each process's RSS, heap after GC, threads and descriptors:
			                   writes soak.md, soak.tsv and soak.png into bench/ (a run shorter than 30 minutes, or
			                   --quick: bench/last-run/soak/). A 30-minute run fails (exit 1) on a failed request or
			                   a service whose RSS, threads or descriptors grow beyond their bounds from minute 10
			  --minutes M      minutes of the soak (default 30; quick 3)
			  --rate R         requests per second of the soak (default 25: about 1 % of what the gateway saturates at on
			                   2 cores, some 2,500 a second (bench/results.md), and near the fault suite's 20, so
			                   the soak looks for leaks under steady use, not overload; enough that every instance
			                   and every route's pool is used all the time)
			""";

	/** -h or --help: print the usage and exit 0. */
	static final class HelpRequested extends RuntimeException {
		HelpRequested() {
			super("help", null, false, false);
		}
	}

	/** A command line the harness cannot take: exit 2, nothing written. */
	static final class BadOptions extends RuntimeException {
		BadOptions(String message) {
			super(message);
		}
	}

	/** Seconds of each warm-up wrk run. */
	int warmChunkSeconds() {
		return quick ? 3 : 10;
	}

	/** Warm at least this long, settled or not. */
	int warmMinimumSeconds() {
		return quick ? 0 : 60;
	}

	/** Sample instances at cold start: a plain ./platform up starts two. */
	int coldInstances() {
		return quick ? 1 : 2;
	}

	/** Seconds of each measured fixed-rate run (after its lead-in). */
	int fixedRateSeconds() {
		return quick ? 3 : 15;
	}

	/**
	 * The fixed rates, as percentages of nginx's saturated throughput in the same run; at 10 % both gateways are
	 * below their own saturation on this machine, so their latencies compare.
	 */
	List<Integer> fixedRateShares() {
		return List.of(10, 25, 50, 75);
	}

	List<Integer> scaleSteps() {
		return quick ? List.of(1, 2) : List.of(1, 2, 4);
	}

	/** Parses bench/run's arguments; a relative --out is taken from the working directory, as a shell would. */
	static Options parse(List<String> arguments, Path workingDirectory, Path benchDirectory) {
		boolean quick = false;
		boolean registryScale = false;
		boolean keep = false;
		boolean bus = false;
		boolean footprint = false;
		boolean soak = false;
		boolean highAvailability = false;
		boolean stockStart = false;
		String minutes = null;
		String rate = null;
		String commits = null;
		List<Path> coldBefore = new ArrayList<>();
		List<Path> coldAfter = new ArrayList<>();
		String duration = null;
		String rounds = null;
		String connections = "32";
		String threads = "2";
		String warmupMax = null;
		String out = null;
		for (int i = 0; i < arguments.size(); i++) {
			String argument = arguments.get(i);
			String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
			boolean takesValue = List.of("--duration", "--rounds", "--connections", "--threads", "--warmup-max", "--out",
					"--commits", "--cold-before", "--cold-after", "--minutes", "--rate")
					.contains(name);
			String value = null;
			if (takesValue) {
				if (argument.contains("=")) {
					value = argument.substring(argument.indexOf('=') + 1);
				}
				else if (i + 1 < arguments.size()) {
					value = arguments.get(++i);
				}
				else {
					throw new BadOptions(name + " needs a value");
				}
			}
			switch (name) {
			case "--quick" -> quick = true;
			case "--registry-scale" -> registryScale = true;
			case "--keep" -> keep = true;
			case "--bus" -> bus = true;
			case "--footprint" -> footprint = true;
			case "--soak" -> soak = true;
			case "--ha" -> highAvailability = true;
			case "--stock-start" -> stockStart = true;
			case "--minutes" -> minutes = value;
			case "--rate" -> rate = value;
			case "--commits" -> commits = value;
			case "--cold-before" -> coldBefore.add(existing(name, value, workingDirectory));
			case "--cold-after" -> coldAfter.add(existing(name, value, workingDirectory));
			case "-h", "--help" -> throw new HelpRequested();
			case "--duration" -> duration = value;
			case "--rounds" -> rounds = value;
			case "--connections" -> connections = value;
			case "--threads" -> threads = value;
			case "--warmup-max" -> warmupMax = value;
			case "--out" -> out = value;
			default -> throw new BadOptions("unknown option '" + argument + "'");
			}
		}
		if ((bus ? 1 : 0) + (registryScale ? 1 : 0) + (footprint ? 1 : 0) + (soak ? 1 : 0) + (highAvailability ? 1 : 0)
				+ (stockStart ? 1 : 0) > 1) {
			throw new BadOptions("--bus, --registry-scale, --footprint, --soak, --ha and --stock-start are six modes: give one");
		}
		if (!soak && (minutes != null || rate != null)) {
			throw new BadOptions("--minutes and --rate belong to --soak");
		}
		if (!bus && commits != null) {
			throw new BadOptions("--commits belongs to --bus");
		}
		if (!bus && !footprint && (!coldBefore.isEmpty() || !coldAfter.isEmpty())) {
			throw new BadOptions("--cold-before and --cold-after belong to --bus or --footprint");
		}
		if (footprint && coldBefore.isEmpty() && coldAfter.isEmpty()) {
			throw new BadOptions("--footprint compares results files: give --cold-before FILE and --cold-after FILE");
		}
		if (coldBefore.isEmpty() != coldAfter.isEmpty()) {
			throw new BadOptions("--cold-before and --cold-after go together: the runs without the bus and those with it");
		}
		int soakMinutes = positive("--minutes", minutes, quick ? 3 : 30);
		Path outFile;
		if (soak) {
			// A folder: soak.md, soak.tsv and soak.png. Only a full soak's go into bench/, where the docs show them.
			outFile = out != null && !out.isEmpty() ? workingDirectory.resolve(out).normalize()
					: quick || soakMinutes < 30 ? benchDirectory.resolve("last-run/soak") : benchDirectory;
		}
		else if (out == null || out.isEmpty()) {
			String name = bus ? "bus" : footprint ? "footprint" : highAvailability ? "high-availability"
					: stockStart ? "stock-start" : "results";
			// The footprint report reads quick runs' files; it is no smoke itself.
			outFile = quick && !footprint ? benchDirectory.resolve("last-run/" + name + "-quick.md")
					: benchDirectory.resolve(name + ".md");
		}
		else {
			outFile = workingDirectory.resolve(out).normalize();
		}
		return new Options(quick, registryScale, positive("--duration", duration, quick ? 4 : 20),
				positive("--rounds", rounds, quick ? 1 : 3), positive("--connections", connections, 32),
				positive("--threads", threads, 2), positive("--warmup-max", warmupMax, quick ? 15 : 900), outFile, keep, bus,
				positive("--commits", commits, quick ? 3 : 10), List.copyOf(coldBefore), List.copyOf(coldAfter), footprint, soak,
				soakMinutes, positive("--rate", rate, 25), highAvailability, stockStart);
	}

	/** A file the run reads: checked now, so that a typo stops it before a platform is started. */
	private static Path existing(String option, String value, Path workingDirectory) {
		Path file = workingDirectory.resolve(value).normalize();
		if (value.isEmpty() || !java.nio.file.Files.isRegularFile(file)) {
			throw new BadOptions(option + ": no file '" + value + "'");
		}
		return file;
	}

	private static int positive(String option, String value, int fallback) {
		if (value == null) {
			return fallback;
		}
		if (!value.matches("[1-9][0-9]{0,8}")) {
			throw new BadOptions(option + ": '" + value + "' is not a positive whole number");
		}
		return Integer.parseInt(value);
	}

}
