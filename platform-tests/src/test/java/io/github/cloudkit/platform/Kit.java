package io.github.cloudkit.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.github.cloudkit.testsupport.Processes;

/** Where the kit's checkout, jars and JVM options are, plus the small utilities every platform test needs. */
final class Kit {

	private Kit() {
	}

	static Path root() {
		return Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
	}

	static Path jar(String module) {
		return root().resolve(module).resolve("target").resolve(module + ".jar");
	}

	/** The kit's services, from their one list (./platform services). */
	static List<String> services() {
		return launcher(Map.of(), "services");
	}

	/** The services Docker Compose and Cloud Foundry run: all but the local-only ones (./platform services --deployed). */
	static List<String> deployedServices() {
		return launcher(Map.of(), "services", "--deployed");
	}

	/**
	 * The java command ./platform starts this service with (./platform launch-command: the JVM options of
	 * jvm.options, the class-data archive when one is current, the launch layout's @argfile), so the tests run
	 * the services exactly the way users do.
	 */
	static List<String> launchCommand(String service) {
		List<String> command = new ArrayList<>(launcher(Map.of(), "launch-command", service));
		command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
		return command;
	}

	/** Runs ./platform with these arguments and answers its output lines; fails with its output if it fails. */
	static List<String> launcher(Map<String, String> environment, String... arguments) {
		return launcher(root(), environment, arguments);
	}

	/** The same, for the ./platform of another checkout of the kit (a test's scratch clone). */
	static List<String> launcher(Path checkout, Map<String, String> environment, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(checkout.resolve("platform").toString());
		command.addAll(List.of(arguments));
		Processes.Result result = Processes.run(command, checkout, environment, Duration.ofSeconds(60));
		if (!result.succeeded()) {
			throw new IllegalStateException(command + " failed: " + result.output());
		}
		return result.output().lines().collect(Collectors.toList());
	}

	/** Credentials as ./platform generates them (./platform credentials), into a state folder of the caller's. */
	static Map<String, String> generatedCredentials(Path stateDirectory) {
		Map<String, String> credentials = new LinkedHashMap<>();
		for (String line : launcher(Map.of("PLATFORM_STATE_DIR", stateDirectory.toString()), "credentials")) {
			int equals = line.indexOf('=');
			if (equals > 0 && !line.startsWith("#")) {
				credentials.put(line.substring(0, equals), line.substring(equals + 1));
			}
		}
		return credentials;
	}

	/** Services run here rather than in the checkout, so the config server cannot find and serve the checkout. */
	static Path workDirectory() {
		return createDirectories(root().resolve("platform-tests/target/work"));
	}

	static Path logDirectory() {
		return createDirectories(root().resolve("platform-tests/target/service-logs"));
	}

	private static final Set<Integer> HANDED_OUT_PORTS = ConcurrentHashMap.newKeySet();

	/**
	 * A free loopback port by the kit's one rule (./platform free-ports: below the kernel's ephemeral range),
	 * never one handed out before in this JVM: the service it went to may not have bound it yet.
	 */
	static int freePort() {
		for (int attempt = 0; attempt < 20; attempt++) {
			int port = Integer.parseInt(launcher(Map.of(), "free-ports").get(0).trim());
			if (HANDED_OUT_PORTS.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("./platform free-ports answered only ports handed out before");
	}

	/** A password nobody was given: what a misconfigured client or an attacker sends. */
	static String wrongPassword() {
		return "wrong-" + Long.toString(System.nanoTime(), 36);
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static Path createDirectories(Path directory) {
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
