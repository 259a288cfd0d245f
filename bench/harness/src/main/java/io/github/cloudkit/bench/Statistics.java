package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.github.cloudkit.bench.Measurement.Metric;

/**
 * Summaries over the measured runs: medians over rounds, and ratios (or differences) of two targets taken
 * within each round, then their median: a round's targets ran back to back, so a ratio within one round is
 * less disturbed by what else the machine did than two medians would be.
 */
final class Statistics {

	/** Ratio a / b of a round, or the difference a − b. */
	enum Pairing {
		RATIO, DIFFERENCE
	}

	/** The median of the per-round values, and those values in round order. */
	record Paired(Optional<Double> median, List<Double> perRound) {
	}

	private final List<Measurement> measurements;

	Statistics(List<Measurement> measurements) {
		this.measurements = List.copyOf(measurements);
	}

	static Optional<Double> median(Collection<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		if (sorted.isEmpty()) {
			return Optional.empty();
		}
		sorted.sort(null);
		int n = sorted.size();
		return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
	}

	static Optional<Double> max(Collection<Double> values) {
		return values.stream().max(Double::compare);
	}

	static Optional<Double> min(Collection<Double> values) {
		return values.stream().min(Double::compare);
	}

	/** Per round in which both have a value (and, for a ratio, b is positive): a / b or a − b. */
	static Paired paired(Map<Integer, Double> a, Map<Integer, Double> b, Pairing pairing) {
		List<Double> perRound = new ArrayList<>();
		for (Map.Entry<Integer, Double> round : new TreeMap<>(a).entrySet()) {
			Double other = b.get(round.getKey());
			if (round.getValue() == null || other == null || (pairing == Pairing.RATIO && other <= 0)) {
				continue;
			}
			perRound.add(pairing == Pairing.RATIO ? round.getValue() / other : round.getValue() - other);
		}
		return new Paired(median(perRound), perRound);
	}

	Optional<Double> median(String phase, String label, Metric metric) {
		List<Double> values = new ArrayList<>();
		for (Measurement measurement : of(phase, label)) {
			Double value = metric.of(measurement);
			if (value != null) {
				values.add(value);
			}
		}
		return median(values);
	}

	Paired paired(String phase, String a, String b, Metric metric, Pairing pairing) {
		return paired(byRound(phase, a, metric), byRound(phase, b, metric), pairing);
	}

	/** Every round's value, in the order measured: "a, b, c". */
	String rounds(String phase, String label, Metric metric, String format) {
		List<String> values = new ArrayList<>();
		for (Measurement measurement : of(phase, label)) {
			Double value = metric.of(measurement);
			values.add(value == null ? "n/a" : Console.format(format, value));
		}
		return String.join(", ", values);
	}

	/** A value formatted, or "n/a" when there is none. */
	static String format(Optional<Double> value, String format) {
		return value.map(v -> Console.format(format, v)).orElse("n/a");
	}

	static String join(List<Double> values, String format) {
		List<String> formatted = new ArrayList<>();
		values.forEach(value -> formatted.add(Console.format(format, value)));
		return String.join(", ", formatted);
	}

	private List<Measurement> of(String phase, String label) {
		return measurements.stream().filter(m -> m.phase().equals(phase) && m.label().equals(label)).toList();
	}

	private Map<Integer, Double> byRound(String phase, String label, Metric metric) {
		Map<Integer, Double> values = new TreeMap<>();
		of(phase, label).forEach(measurement -> values.put(measurement.round(), metric.of(measurement)));
		return values;
	}

}
