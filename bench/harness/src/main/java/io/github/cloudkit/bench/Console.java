package io.github.cloudkit.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** The harness's progress lines ("[bench   12s] ...") and the warnings the report lists at its end. */
final class Console {

	private static final long STARTED = System.nanoTime();

	private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

	private Console() {
	}

	static void say(String message) {
		System.out.println(prefix() + message);
	}

	static void sayError(String message) {
		System.err.println(prefix() + message);
	}

	/** A warning is said now and listed under "Warnings" in the report: figures that should not be quoted without it. */
	static void warn(String message) {
		say("warning: " + message);
		WARNINGS.add(message);
	}

	static List<String> warnings() {
		return List.copyOf(WARNINGS);
	}

	/** A report's "## Warnings" section (a blank line first), one item a warning; nothing when there are none. */
	static String warningsSection(List<String> warnings) {
		if (warnings.isEmpty()) {
			return "";
		}
		StringBuilder section = new StringBuilder("\n## Warnings\n\n");
		warnings.forEach(warning -> section.append("- ").append(warning).append('\n'));
		return section.toString();
	}

	static long secondsSinceStart() {
		return Math.round((System.nanoTime() - STARTED) / 1e9);
	}

	/** Seconds since a System.nanoTime() reading, with one decimal as the tables show them. */
	static String secondsSince(long startNanos) {
		return format("%.1f", (System.nanoTime() - startNanos) / 1e9);
	}

	/** Formatting with a decimal point whatever the machine's locale: the report is parsed by greps. */
	static String format(String pattern, Object... arguments) {
		return String.format(Locale.ROOT, pattern, arguments);
	}

	private static String prefix() {
		return format("[bench %5ds] ", secondsSinceStart());
	}

}
