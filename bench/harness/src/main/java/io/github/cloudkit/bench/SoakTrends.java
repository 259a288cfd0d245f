package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.cloudkit.bench.SoakSample.Measure;

/**
 * The soak's statistics: per long-lived service and measure, the value at the start of the judged window (minute 10
 * of 30) and at the end, the least-squares slope over the window, and whether the fitted line's rise over the window
 * stays within the bound. The bounds are the project's, stated in docs/soak.md: RSS at most +20 MB or +10 % of its
 * value at the window's start (whichever is larger), live threads at most +5, open file descriptors at most +10.
 */
final class SoakTrends {

	static final double RSS_BOUND_MEGABYTES = 20;
	static final double RSS_BOUND_SHARE = 0.10;
	static final double THREADS_BOUND = 5;
	static final double DESCRIPTORS_BOUND = 10;
	/** Fewer samples in the window than this give no slope worth a verdict. */
	static final int MINIMUM_SAMPLES = 3;
	/** The measures the verdict judges; heap after GC is shown only (see {@link #notJudgedBecause}). */
	static final List<Measure> JUDGED = List.of(Measure.RSS, Measure.THREADS, Measure.DESCRIPTORS);

	private SoakTrends() {
	}

	/** A fitted line: value = intercept + slope × minute. */
	record Line(double slopePerMinute, double intercept) {
	}

	enum Verdict {
		WITHIN("within"), GROWS("**GROWS**"), NOT_JUDGED("not judged"), TOO_FEW_SAMPLES("**too few samples**"),
		RESTARTED("**restarted**");

		final String text;

		Verdict(String text) {
			this.text = text;
		}

		/** A verdict that fails the soak. */
		boolean fails() {
			return this == GROWS || this == TOO_FEW_SAMPLES || this == RESTARTED;
		}
	}

	/**
	 * One service's measure over the window: the first and last sample in it, their difference, the fitted slope per
	 * 10 minutes and the fitted line's rise from the window's first to its last sample, the bound and the verdict.
	 */
	record Trend(String service, Measure measure, Double atStart, Double atEnd, Double growth, Double slopePerTenMinutes,
			Double fittedRise, Double bound, Verdict verdict, String note) {
	}

	/** The judged window starts at minute 10 of a 30-minute (or longer) soak, a third of the way into a shorter one. */
	static double windowStart(int minutes) {
		return minutes >= 30 ? 10 : minutes / 3.0;
	}

	/** Ordinary least squares over (x, y); empty with fewer than two distinct x. */
	static Optional<Line> leastSquares(List<Double> x, List<Double> y) {
		if (x.size() != y.size()) {
			throw new IllegalArgumentException(x.size() + " x but " + y.size() + " y");
		}
		int n = x.size();
		if (n < 2) {
			return Optional.empty();
		}
		double meanX = x.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double meanY = y.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double sxx = 0;
		double sxy = 0;
		for (int i = 0; i < n; i++) {
			sxx += (x.get(i) - meanX) * (x.get(i) - meanX);
			sxy += (x.get(i) - meanX) * (y.get(i) - meanY);
		}
		if (sxx == 0) {
			return Optional.empty();
		}
		double slope = sxy / sxx;
		return Optional.of(new Line(slope, meanY - slope * meanX));
	}

	/** Sample instances are replaced every rolling restart: each is a short series, not part of the verdict. */
	static boolean replacedDuringTheSoak(String process) {
		return process.startsWith(Platform.SAMPLE_SERVICE + "-");
	}

	/** The processes that live through the whole soak, in the order they were first sampled. */
	static List<String> longLived(List<SoakSample> samples) {
		Set<String> names = new LinkedHashSet<>();
		samples.stream().map(SoakSample::process).filter(name -> !replacedDuringTheSoak(name)).forEach(names::add);
		return List.copyOf(names);
	}

	/** Why a measure of a service is shown but not judged; empty when it is judged. */
	static Optional<String> notJudgedBecause(String service, Measure measure) {
		if (measure == Measure.HEAP_AFTER_GC) {
			return Optional.of("Serial GC: the old generation grows by promotions until a full GC compacts it");
		}
		if (measure == Measure.RSS && service.startsWith("prometheus-")) {
			return Optional.of("Prometheus keeps every sample of its first 2 hours in memory by design");
		}
		return Optional.empty();
	}

	/** The bound on a judged measure's rise over the window, given its value at the window's start. */
	static double bound(Measure measure, double atStart) {
		return switch (measure) {
		case RSS -> Math.max(RSS_BOUND_MEGABYTES, RSS_BOUND_SHARE * atStart);
		case THREADS -> THREADS_BOUND;
		case DESCRIPTORS -> DESCRIPTORS_BOUND;
		case HEAP_AFTER_GC -> throw new IllegalArgumentException("heap after GC is not judged");
		};
	}

	/** Every long-lived service's trend of every measure, service by service. */
	static List<Trend> trends(List<SoakSample> samples, double windowStart) {
		List<Trend> trends = new ArrayList<>();
		for (String service : longLived(samples)) {
			List<SoakSample> own = samples.stream().filter(sample -> sample.process().equals(service)).toList();
			for (Measure measure : Measure.values()) {
				trends.add(trend(service, measure, own, windowStart));
			}
		}
		return trends;
	}

	/** One service's trend of one measure from its samples (those before {@code windowStart} are not used). */
	static Trend trend(String service, Measure measure, List<SoakSample> own, double windowStart) {
		List<SoakSample> window = own.stream().filter(sample -> sample.minute() >= windowStart)
				.filter(sample -> sample.value(measure) != null).toList();
		Optional<String> notJudged = notJudgedBecause(service, measure);
		long pids = own.stream().map(SoakSample::pid).distinct().count();
		if (window.size() < MINIMUM_SAMPLES) {
			Verdict verdict = notJudged.isPresent() ? Verdict.NOT_JUDGED : Verdict.TOO_FEW_SAMPLES;
			return new Trend(service, measure, null, null, null, null, null, null, verdict,
					window.size() + " sample(s) from minute " + Console.format("%.0f", windowStart)
							+ notJudged.map(why -> "; " + why).orElse(""));
		}
		double atStart = window.get(0).value(measure);
		double atEnd = window.get(window.size() - 1).value(measure);
		Line line = leastSquares(window.stream().map(SoakSample::minute).toList(),
				window.stream().map(sample -> sample.value(measure)).toList()).orElseThrow();
		double span = window.get(window.size() - 1).minute() - window.get(0).minute();
		double rise = line.slopePerMinute() * span;
		if (notJudged.isPresent()) {
			return new Trend(service, measure, atStart, atEnd, atEnd - atStart, line.slopePerMinute() * 10, rise, null,
					Verdict.NOT_JUDGED, notJudged.get());
		}
		double bound = bound(measure, atStart);
		Verdict verdict = pids > 1 ? Verdict.RESTARTED : rise > bound ? Verdict.GROWS : Verdict.WITHIN;
		String note = pids > 1 ? "its PID changed during the soak: it was restarted" : "";
		return new Trend(service, measure, atStart, atEnd, atEnd - atStart, line.slopePerMinute() * 10, rise, bound, verdict,
				note);
	}

}
