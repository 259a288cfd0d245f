package io.github.cloudkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cloudkit.testsupport.ProcessReadings;
import io.github.cloudkit.testsupport.Processes;

/**
 * The peer the edge gateway is measured against: Spring Cloud Gateway (bench/scg-gateway), started with the
 * platform gateway's java and JVM options (read from /proc, so heap, GC and JIT are the same) and joining as any
 * service written elsewhere does (docs/joining.md): the same config server, hence the same Sleuth sampling and
 * Zipkin, and the same registry, from the gateway's own environment.
 */
final class ScgGateway {

	static final String NAME = "spring-cloud-gateway";

	private ScgGateway() {
	}

	static Path jar(Path kitRoot) {
		return kitRoot.resolve("bench/scg-gateway/target/bench-scg-gateway.jar");
	}

	static long start(Path kitRoot, long gatewayPid, int port, Path log) {
		Path jar = jar(kitRoot);
		if (!Files.isRegularFile(jar)) {
			throw new BenchFailure("no " + jar + ": build it with ./mvnw -B package -DskipTests");
		}
		ProcessReadings gateway = new ProcessReadings(gatewayPid);
		List<String> commandLine = gateway.commandLine();
		Map<String, String> environment = gateway.environment();
		if (commandLine.isEmpty() || environment.isEmpty()) {
			throw new BenchFailure("cannot read the gateway's command line or environment");
		}
		List<String> command = new ArrayList<>();
		command.add(JvmCommandLine.java(commandLine));
		command.addAll(JvmCommandLine.optionList(commandLine));
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
		// In the environment, not on the command line, where every process on the machine could read the passwords.
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.cloud.config.uri", required(environment, "CONFIG_SERVER_URI"));
		settings.put("spring.cloud.config.username", required(environment, "CONFIG_SERVER_USER"));
		settings.put("spring.cloud.config.password", required(environment, "CONFIG_SERVER_PASSWORD"));
		settings.put("eureka.client.service-url.defaultZone", required(environment, "EUREKA_URI"));
		// The shared repository exposes the management endpoints behind the kit's security, which this gateway
		// does not have: health only.
		settings.put("management.endpoints.web.exposure.include", "health");
		environment.put("SPRING_APPLICATION_JSON", json(settings));
		return Processes.start(command, kitRoot, environment, true, log).pid();
	}

	/** A flat JSON object of strings (SPRING_APPLICATION_JSON). */
	static String json(Map<String, String> settings) {
		StringBuilder out = new StringBuilder("{");
		settings.forEach((name, value) -> out.append(out.length() > 1 ? "," : "").append(quoted(name)).append(':')
				.append(quoted(value)));
		return out.append('}').toString();
	}

	private static String quoted(String text) {
		return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	private static String required(Map<String, String> environment, String name) {
		String value = environment.get(name);
		if (value == null || value.isBlank()) {
			throw new BenchFailure("the gateway's environment has no " + name);
		}
		return value;
	}

}
