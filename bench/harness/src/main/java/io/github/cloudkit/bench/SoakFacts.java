package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.List;

import io.github.cloudkit.testsupport.LoadGenerator;

/**
 * What a soak found out, filled in as it goes and then turned into soak.md: a plain holder, so that the report and
 * its verdict can be written (and tested) from a fixed set of facts.
 */
final class SoakFacts {

	/** One commit to the temporary config repository and when every running sample instance answered it (null: never). */
	record Commit(int number, double minute, Double appliedAfterSeconds, String problem) {
	}

	/** One rolling restart: when it began, how long it took, which instances replaced which; a problem if it failed. */
	record Restart(int number, double minute, double seconds, List<String> replaced, String problem) {
	}

	/** A short run is a smoke of the harness: its verdict is written, its exit status does not depend on it. */
	boolean judged;
	boolean quick;
	String date = "";
	long runSeconds;
	Machine machine;
	int minutes;
	int rate;
	int instances;
	int restartEveryMinutes;
	int sampleEverySeconds;
	String upSeconds = "";
	String jvmOptions = "";
	String url = "";
	LoadGenerator.Summary load;
	final List<Commit> commits = new ArrayList<>();
	final List<Restart> restarts = new ArrayList<>();
	/** Rolling restarts the schedule called for (a failed one stops the soak's restarts, so fewer may be listed). */
	int restartsPlanned;
	final List<SoakSample> samples = new ArrayList<>();
	final List<String> warnings = new ArrayList<>();

	double windowStart() {
		return SoakTrends.windowStart(minutes);
	}

}
