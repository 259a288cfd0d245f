package io.github.cloudkit.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's own start time from its log: Spring Boot's "Started X in A seconds (JVM running for B)". */
final class StartupLog {

	private static final Pattern STARTED = Pattern
			.compile("Started [A-Za-z0-9]* in ([0-9.]*) seconds \\(JVM running for ([0-9.]*)\\)");

	/** Spring Boot's two figures, as logged (text, so the table shows exactly what the service said). */
	record Started(String startedIn, String jvmRunningFor) {
	}

	private StartupLog() {
	}

	static Optional<Started> started(String log) {
		Matcher matcher = STARTED.matcher(log);
		return matcher.find() ? Optional.of(new Started(matcher.group(1), matcher.group(2))) : Optional.empty();
	}

	/**
	 * Zipkin (not Spring Boot 2) logs no "Started" line: the time stamp (first word) of its first
	 * "Serving HTTP at" line.
	 */
	static Optional<Instant> servingHttpAt(String log) {
		return log.lines().filter(line -> line.contains("Serving HTTP at")).findFirst()
				.flatMap(line -> timestamp(line.split("\\s+", 2)[0]));
	}

	static Optional<Instant> timestamp(String word) {
		try {
			return Optional.of(OffsetDateTime.parse(word).toInstant());
		}
		catch (DateTimeParseException notOffset) {
			try {
				return Optional.of(LocalDateTime.parse(word).atZone(ZoneId.systemDefault()).toInstant());
			}
			catch (DateTimeParseException notLocal) {
				return Optional.empty();
			}
		}
	}

}
