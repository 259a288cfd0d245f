package io.github.cloudkit.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

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

	/** The same options ./platform uses (every service's, then the service's own section), so the tests run the services the way users do. */
	static List<String> jvmOptions(String service) {
		List<String> options = new ArrayList<>();
		String section = "";
		try {
			for (String line : Files.readAllLines(root().resolve("jvm.options"))) {
				line = line.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				if (line.startsWith("[")) {
					section = line.replaceAll("[\\[\\]\\s]", "");
				}
				else if (section.isEmpty() || section.equals(service)) {
					options.add(line);
				}
			}
			return options;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
	 * A loopback port nothing is bound to, as {@code ./platform free-ports} picks them: below the kernel's ephemeral
	 * range, so that no outgoing connection is given it in the seconds before the service binds it, and never one
	 * handed out before in this JVM (the service it went to may not have bound it yet).
	 */
	static int freePort() {
		int low = ephemeralRangeStart();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = random.nextInt(10000, low);
			if (!HANDED_OUT_PORTS.contains(port) && bindable(port) && HANDED_OUT_PORTS.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("no free loopback port between 10000 and " + low);
	}

	private static int ephemeralRangeStart() {
		try {
			int low = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
			return low > 12000 ? low : 32768;
		}
		catch (IOException | RuntimeException unknown) {
			return 32768;
		}
	}

	private static boolean bindable(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException taken) {
			return false;
		}
	}

	/** A random password or key: letters and digits only, so it can sit in a URI's user info unescaped. */
	static String randomSecret() {
		String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
		java.security.SecureRandom random = new java.security.SecureRandom();
		StringBuilder secret = new StringBuilder();
		for (int i = 0; i < 24; i++) {
			secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return secret.toString();
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
