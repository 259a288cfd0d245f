package io.github.cloudkit.bench;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reading Prometheus's text format, as the services' metrics endpoints answer it: the sum of one metric's series
 * that carry a label with a given value ({@code name{a="x",outcome="applied",} 3.0}). Absent when no series matches.
 */
final class PrometheusText {

	private PrometheusText() {
	}

	static Optional<Double> sum(String page, String metric, String label, String value) {
		Pattern labelled = Pattern.compile("[{,]" + Pattern.quote(label) + "=\"" + Pattern.quote(value) + "\"[,}]");
		double sum = 0;
		boolean found = false;
		for (String line : page.lines().toList()) {
			if (!line.startsWith(metric + "{")) {
				continue;
			}
			int close = line.lastIndexOf('}');
			if (close < 0 || !labelled.matcher(line.substring(metric.length(), close + 1)).find()) {
				continue;
			}
			String[] words = line.substring(close + 1).strip().split("\\s+");
			try {
				sum += Double.parseDouble(words[0]);
				found = true;
			}
			catch (NumberFormatException notANumber) {
				// Not a sample line.
			}
		}
		return found ? Optional.of(sum) : Optional.empty();
	}

}
