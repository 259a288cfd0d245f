package io.github.cloudkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.ProcessReadings;
import io.github.cloudkit.testsupport.Processes;

/**
 * bench/run --stock-start: ./platform up against the same services started the stock way, in one run. The stock way
 * is what a user does without the launcher: every fat jar with {@code java -jar} and no JVM options, all at once,
 * with the environment the launcher gave each (ports, credentials, addresses) and its program arguments, read from
 * /proc of a launcher start. Rounds alternate the two, which goes first alternating too; each start goes from
 * nothing running to every kit service healthy and /hello routed.
 */
final class StockStartMode {

	/** As a plain ./platform up. */
	static final int INSTANCES = 2;

	/** One instance as the launcher started it: what the stock start gives it too. */
	record Launch(String name, String service, int port, String java, List<String> arguments,
			Map<String, String> environment, Path directory) {
	}

	private final Run run;
	private final Platform platform;

	StockStartMode(Run run) {
		this.run = run;
		this.platform = run.platform;
	}

	void measure() throws Exception {
		Machine machine = Machine.describe(run.kitRoot);
		run.work.makeConfigRepo(run.kitRoot);
		platform.usePorts(0);
		List<String> names = platform.instanceNames(INSTANCES);
		platform.recordArchivesIfMissing(List.of(), platform.instanceNames(1));
		List<Launch> launches = new ArrayList<>();
		List<StockStartReport.Start> starts = new ArrayList<>();
		for (int round = 1; round <= run.options.rounds(); round++) {
			boolean launcherFirst = round % 2 == 1 || launches.isEmpty();
			for (boolean launcher : List.of(launcherFirst, !launcherFirst)) {
				starts.add(launcher ? launcherStart(round, names, launches) : stockStart(round, launches));
			}
		}
		String date = Markdown.producedNow();
		String markdown = new StockStartReport(starts, machine, INSTANCES, date, Console.warnings()).markdown();
		Files.writeString(run.work.results, markdown);
		System.out.print(markdown);
	}

	private StockStartReport.Start launcherStart(int round, List<String> names, List<Launch> launches) throws Exception {
		Console.say("round " + round + ": ./platform up --instances " + INSTANCES);
		Path log = run.work.logs.resolve("platform-up-" + round + ".log");
		long started = System.nanoTime();
		platform.upInBackground(INSTANCES, log);
		platform.awaitHealthy(names, started, Platform.START_TIMEOUT);
		double seconds = Double.parseDouble(Platform.awaitRoute(platform.ports().gateway(), started, Duration.ofSeconds(120)));
		platform.finishUp(log, "--instances " + INSTANCES);
		Double launcherSeconds = Platform.launcherSeconds(log);
		if (launches.isEmpty()) {
			for (String name : names) {
				launches.add(launchOf(name));
			}
		}
		double resident = residentOf(names.stream().map(platform::requirePid).toList());
		Console.say("round " + round + ": the launcher's start healthy and routing after " + seconds + " s");
		platform.down(run.work.logs.resolve("platform-down-" + round + ".log"));
		return new StockStartReport.Start(round, true, seconds, launcherSeconds, resident);
	}

	private StockStartReport.Start stockStart(int round, List<Launch> launches) throws Exception {
		Console.say("round " + round + ": the stock start, java -jar of " + launches.size() + " jars at once");
		long started = System.nanoTime();
		List<Long> pids = new ArrayList<>();
		try {
			for (Launch launch : launches) {
				List<String> command = new ArrayList<>(List.of(launch.java(), "-jar",
						run.kitRoot.resolve(launch.service()).resolve("target").resolve(launch.service() + ".jar").toString()));
				command.addAll(launch.arguments());
				long pid = Processes.start(command, launch.directory(), launch.environment(), true,
						run.work.logs.resolve("stock-" + round + "-" + launch.name() + ".log")).pid();
				pids.add(pid);
				run.stockProcesses.add(pid);
			}
			awaitHealthy(launches, pids, started);
			double seconds = Double.parseDouble(Platform.awaitRoute(platform.ports().gateway(), started, Duration.ofSeconds(120)));
			double resident = residentOf(pids);
			Console.say("round " + round + ": the stock start healthy and routing after " + seconds + " s");
			return new StockStartReport.Start(round, false, seconds, null, resident);
		}
		finally {
			Processes.stopAll(pids, Duration.ofSeconds(30));
			run.stockProcesses.removeAll(pids);
		}
	}

	private void awaitHealthy(List<Launch> launches, List<Long> pids, long started) throws InterruptedException {
		boolean[] healthy = new boolean[launches.size()];
		while (true) {
			boolean pending = false;
			for (int i = 0; i < launches.size(); i++) {
				if (healthy[i]) {
					continue;
				}
				if (!Processes.alive(pids.get(i))) {
					throw new BenchFailure(launches.get(i).name() + " exited in the stock start (see " + run.work.logs + ")");
				}
				healthy[i] = Http.isUp(launches.get(i).port());
				pending |= !healthy[i];
			}
			if (!pending) {
				return;
			}
			if (System.nanoTime() - started > Platform.START_TIMEOUT.toNanos()) {
				throw new BenchFailure("the stock start is not healthy after " + Platform.START_TIMEOUT.toSeconds() + "s");
			}
			Thread.sleep(250);
		}
	}

	/** The instance's environment (without the launcher's own tuning), directory and program arguments, from /proc. */
	private Launch launchOf(String name) {
		ProcessReadings process = new ProcessReadings(platform.requirePid(name));
		Map<String, String> environment = new LinkedHashMap<>(process.environment());
		// The launcher's malloc tuning is one of the flags the stock start does without.
		environment.remove("MALLOC_ARENA_MAX");
		Path directory = process.workingDirectory().orElseThrow(() -> new BenchFailure("cannot read " + name + "'s directory"));
		List<String> commandLine = process.commandLine();
		return new Launch(name, name.replaceFirst("-[0-9]+$", ""), platform.portOf(name).orElseThrow(), JvmCommandLine.java(commandLine),
				programArguments(commandLine), environment, directory);
	}

	/** What follows the launch layout's @argfile (class path and main class): the program's own arguments. */
	static List<String> programArguments(List<String> commandLine) {
		for (int i = 0; i < commandLine.size(); i++) {
			if (commandLine.get(i).startsWith("@")) {
				return List.copyOf(commandLine.subList(i + 1, commandLine.size()));
			}
		}
		throw new BenchFailure("no @argfile in " + String.join(" ", commandLine));
	}

	private static double residentOf(List<Long> pids) {
		return pids.stream().mapToLong(pid -> new ProcessReadings(pid).residentMegabytesIfAlive().orElse(0L)).sum();
	}

}
