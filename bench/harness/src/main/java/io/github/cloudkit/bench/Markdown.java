package io.github.cloudkit.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The text of a report as it is written, line by line; and the moment every report says it was produced at. */
final class Markdown {

	private static final DateTimeFormatter PRODUCED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

	private final StringBuilder text = new StringBuilder();

	/** Now, as the reports' first lines state it: {@code 2026-12-03 10:31 UTC}. */
	static String producedNow() {
		return PRODUCED_AT.format(Instant.now().atOffset(ZoneOffset.UTC));
	}

	void line(String line) {
		text.append(line).append('\n');
	}

	void line() {
		text.append('\n');
	}

	/** Text that already ends its own lines (a section another report wrote, the warnings). */
	void append(String lines) {
		text.append(lines);
	}

	@Override
	public String toString() {
		return text.toString();
	}

}
