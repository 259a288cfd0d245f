package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a bus run found out, filled in as it goes and then turned into bench/bus.md: a plain holder, so that the
 * report can be written (and tested) from a fixed set of facts.
 */
final class BusFacts {

	/**
	 * One commit: how long git took, and per instance the seconds from the end of {@code git commit} to the first
	 * answer of the new message.
	 */
	record Propagation(int commit, long gitMillis, Map<String, Double> reachedAfter) {

		double first() {
			return Collections.min(reachedAfter.values());
		}

		double last() {
			return Collections.max(reachedAfter.values());
		}

		/** The instance that answered the new message last. */
		String lastInstance() {
			return reachedAfter.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
		}
	}

	/** A refresh counter of one instance before the first commit and after the last (null: not readable). */
	record Count(Double before, Double after) {
		Double change() {
			return before == null || after == null ? null : after - before;
		}
	}

	boolean quick;
	String date;
	long runSeconds;
	Machine machine;
	int instances;
	int commits;
	long pollMillis;
	long pauseMillis;
	long graceMillis;
	String upSeconds = "";
	String jvmOptions = "";
	String jvmOptionNotes = "";
	final List<Propagation> propagations = new ArrayList<>();
	/** kit_config_refreshes_total{outcome="applied"} and {outcome="rejected"}, by instance name. */
	final Map<String, Count> applied = new LinkedHashMap<>();
	final Map<String, Count> rejected = new LinkedHashMap<>();
	/** The config server's kit_config_commits_total{outcome="published"}. */
	Count published = new Count(null, null);
	final List<ColdStartTable> coldBefore = new ArrayList<>();
	final List<ColdStartTable> coldAfter = new ArrayList<>();
	final List<String> warnings = new ArrayList<>();

}
