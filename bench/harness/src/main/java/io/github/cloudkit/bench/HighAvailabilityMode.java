package io.github.cloudkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cloudkit.testsupport.ProcessReadings;

/**
 * bench/run --ha: what ./platform up --ha costs beside ./platform up, in one run. Rounds alternate the two, and which
 * goes first alternates too; each start goes from nothing running to every service healthy and /hello routed (as the
 * launcher waits), with class-data archives as a user's second start has them, and reads every process's resident
 * memory then. Between starts, ./platform down.
 */
final class HighAvailabilityMode {

	/** As a plain ./platform up. */
	static final int INSTANCES = 2;

	private final Run run;
	private final Platform platform;

	HighAvailabilityMode(Run run) {
		this.run = run;
		this.platform = run.platform;
	}

	void measure() throws Exception {
		Machine machine = Machine.describe(run.kitRoot);
		run.work.makeConfigRepo(run.kitRoot);
		platform.usePorts(0);
		platform.recordArchivesIfMissing(List.of("--ha"), names(1, true));
		List<HighAvailabilityReport.Start> starts = new ArrayList<>();
		for (int round = 1; round <= run.options.rounds(); round++) {
			boolean haFirst = round % 2 == 0;
			for (boolean ha : List.of(haFirst, !haFirst)) {
				starts.add(start(round, ha));
			}
		}
		String date = Markdown.producedNow();
		String markdown = new HighAvailabilityReport(starts, machine, INSTANCES, date, Console.warnings()).markdown();
		Files.writeString(run.work.results, markdown);
		System.out.print(markdown);
	}

	private HighAvailabilityReport.Start start(int round, boolean ha) throws Exception {
		String arguments = "--instances " + INSTANCES + (ha ? " --ha" : "");
		Console.say("round " + round + ": ./platform up " + arguments);
		Path log = run.work.logs.resolve("platform-up-" + round + (ha ? "-ha" : "") + ".log");
		long started = System.nanoTime();
		platform.upInBackground(INSTANCES, log, ha ? List.of("--ha") : List.of());
		List<String> names = names(INSTANCES, ha);
		platform.awaitHealthy(names, started, Platform.START_TIMEOUT);
		List<String> besides = platform.startedBesides(names);
		platform.awaitHealthy(besides, started, Platform.START_TIMEOUT);
		double seconds = Double.parseDouble(Platform.awaitRoute(platform.ports().gateway(), started, Duration.ofSeconds(120)));
		platform.finishUp(log, arguments);
		Double launcherSeconds = Platform.launcherSeconds(log);
		Map<String, Double> resident = new LinkedHashMap<>();
		for (Map.Entry<String, Long> instance : platform.instances().entrySet()) {
			new ProcessReadings(instance.getValue()).residentMegabytesIfAlive()
					.ifPresent(megabytes -> resident.put(instance.getKey(), (double) megabytes));
		}
		Console.say("round " + round + ": " + (ha ? "--ha" : "plain") + " healthy and routing after " + seconds + " s, "
				+ Math.round(resident.values().stream().mapToDouble(Double::doubleValue).sum()) + " MB resident in all");
		platform.down(run.work.logs.resolve("platform-down-" + round + (ha ? "-ha" : "") + ".log"));
		return new HighAvailabilityReport.Start(round, ha, seconds, launcherSeconds, resident);
	}

	private List<String> names(int samples, boolean ha) {
		List<String> names = new ArrayList<>(platform.instanceNames(samples));
		if (ha) {
			names.addAll(Platform.SECOND_OF_PAIRS);
		}
		return names;
	}

}
