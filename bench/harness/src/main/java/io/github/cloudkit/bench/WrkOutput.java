package io.github.cloudkit.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures of one `wrk --latency` run, parsed from what wrk prints (also the registry-scale mode's runs). */
public record WrkOutput(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long non2xx,
		long socketErrors) {

	private static final Pattern PERCENTILE = Pattern.compile("(?m)^\\s*(50|99)%\\s+(\\S+)");
	private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ");
	private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
	private static final Pattern SOCKET_ERRORS = Pattern
			.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	/** Throws IllegalArgumentException when the output has no request count or no Requests/sec (wrk failed). */
	static WrkOutput parse(String output) {
		Optional<String> rps = first(REQUESTS_PER_SECOND, output, 1);
		Optional<String> requests = first(REQUESTS, output, 1);
		if (rps.isEmpty() || requests.isEmpty()) {
			throw new IllegalArgumentException("no request count or Requests/sec in wrk's output");
		}
		double p50 = 0;
		double p99 = 0;
		Matcher percentile = PERCENTILE.matcher(output);
		while (percentile.find()) {
			if (percentile.group(1).equals("50")) {
				p50 = millis(percentile.group(2));
			}
			else {
				p99 = millis(percentile.group(2));
			}
		}
		long socketErrors = 0;
		Matcher errors = SOCKET_ERRORS.matcher(output);
		if (errors.find()) {
			for (int group = 1; group <= 4; group++) {
				socketErrors += Long.parseLong(errors.group(group));
			}
		}
		long non2xx = first(NON_2XX, output, 1).map(Long::parseLong).orElse(0L);
		return new WrkOutput(Double.parseDouble(rps.get()), p50, p99, Long.parseLong(requests.get()), non2xx,
				socketErrors);
	}

	/** Only the Requests/sec of a warm-up run (no --latency), when wrk printed it. */
	public static Optional<Double> requestsPerSecondOf(String output) {
		return first(REQUESTS_PER_SECOND, output, 1).map(Double::parseDouble);
	}

	/** wrk's latencies carry their unit: 850.00us, 1.20ms, 1.05s, 2.00m. */
	static double millis(String value) {
		if (value.endsWith("us")) {
			return number(value, 2) * 0.001;
		}
		if (value.endsWith("ms")) {
			return number(value, 2);
		}
		if (value.endsWith("m")) {
			return number(value, 1) * 60_000;
		}
		if (value.endsWith("s")) {
			return number(value, 1) * 1000;
		}
		return Double.parseDouble(value);
	}

	private static double number(String value, int unitLength) {
		return Double.parseDouble(value.substring(0, value.length() - unitLength));
	}

	private static Optional<String> first(Pattern pattern, String text, int group) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? Optional.of(matcher.group(group)) : Optional.empty();
	}

}
