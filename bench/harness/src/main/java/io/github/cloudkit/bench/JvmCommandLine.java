package io.github.cloudkit.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a service's command line (from /proc/PID/cmdline) says about its JVM: options, JIT, class data. */
final class JvmCommandLine {

	private JvmCommandLine() {
	}

	/**
	 * The JVM options between the launcher (java) and the instance's name (-Dkit.instance=, which the launcher
	 * puts first after them), without the per-instance file paths that would differ between services.
	 */
	static String options(List<String> commandLine) {
		return String.join(" ", optionList(commandLine));
	}

	/** The java that started it (the command line's first argument), so that a tool or a peer runs the same JDK. */
	static String java(List<String> commandLine) {
		if (commandLine.isEmpty()) {
			throw new BenchFailure("cannot read the process's command line");
		}
		return commandLine.get(0);
	}

	/** The same options, one argument each. */
	static List<String> optionList(List<String> commandLine) {
		List<String> options = new ArrayList<>();
		for (String argument : commandLine.subList(Math.min(1, commandLine.size()), commandLine.size())) {
			if (argument.startsWith("-Dkit.instance=")) {
				break;
			}
			if (argument.matches("-XX:(SharedArchiveFile|DumpLoadedClassList|ErrorFile)=.*")) {
				continue;
			}
			options.add(argument);
		}
		return options;
	}

	/** Its JIT, from the last option that decides it (a later option wins). */
	static String jit(String options) {
		String mode = "C1 and C2 (tiered)";
		for (String option : options.split(" ")) {
			switch (option) {
			case "-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=2", "-XX:TieredStopAtLevel=3" -> mode = "C1 only (" + option + ")";
			case "-XX:TieredStopAtLevel=4" -> mode = "C1 and C2 (tiered)";
			case "-XX:-TieredCompilation" -> mode = "C2 only (" + option + ")";
			default -> {
			}
			}
		}
		return mode;
	}

	/** What the class-data column says of a process that is no JVM (Prometheus). */
	static final String NOT_A_JVM = "not a JVM";

	/**
	 * How the launcher started it: with its class-data archive, recording the class list for one, or neither (or it
	 * is no JVM: the launcher starts every JVM as {@code java}).
	 */
	static String classData(List<String> commandLine) {
		if (commandLine.isEmpty() || !Path.of(commandLine.get(0)).getFileName().toString().equals("java")) {
			return NOT_A_JVM;
		}
		if (commandLine.stream().anyMatch(argument -> argument.contains("-XX:SharedArchiveFile="))) {
			return "archive";
		}
		if (commandLine.stream().anyMatch(argument -> argument.contains("-XX:DumpLoadedClassList="))) {
			return "recording";
		}
		return "none";
	}

}
