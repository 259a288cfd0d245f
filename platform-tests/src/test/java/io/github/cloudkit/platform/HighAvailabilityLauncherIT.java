package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.Processes;
import org.junit.jupiter.api.Test;

/**
 * ./platform up --ha as a user runs it (every port free, its own state folder): two registry peers that list each
 * other and everything, two config servers, every service given both of each; ./platform down stops every process.
 */
class HighAvailabilityLauncherIT {

	@Test
	void upHaRunsPairsEveryServiceListsAndDownLeavesNothingRunning() throws IOException {
		Path state = Kit.workDirectory().resolve("ha-launcher-" + Long.toString(System.nanoTime(), 36));
		Map<String, String> environment = new HashMap<>();
		Platform.KIT_VARIABLES.forEach(variable -> environment.put(variable, null)); // a developer's own settings
		for (String variable : Kit.launcher(Map.of(), "port-variables")) {
			environment.put(variable, Integer.toString(Kit.freePort()));
		}
		environment.put("PLATFORM_STATE_DIR", state.toString());
		int peer = Integer.parseInt(environment.get("DISCOVERY_PEER_PORT"));
		int secondConfigServer = Integer.parseInt(environment.get("CONFIG_SERVER_PEER_PORT"));
		List<Long> pids = new ArrayList<>();
		try {
			Processes.Result up = launcher(environment, Duration.ofMinutes(8), "up", "--ha", "--instances", "1");
			assertThat(up.succeeded()).as(up.output()).isTrue();
			pids.addAll(recordedPids(state));
			assertThat(up.output()).containsPattern("discovery-service +2 +" + peer + " .* UP")
					.containsPattern("config-server +2 +" + secondConfigServer + " .* UP");

			Map<String, String> credentials = Kit.generatedCredentials(state);
			Http.Credentials eureka = new Http.Credentials(credentials.get("EUREKA_USER"), credentials.get("EUREKA_PASSWORD"));
			String sampleEnvironment = Files.readString(Path.of("/proc", Files.readString(state.resolve("sample-service-1.pid")).trim(),
					"environ")).replace('\0', '\n');
			assertThat(sampleEnvironment).as("every service is given both registry peers and both config servers")
					.containsPattern("(?m)^EUREKA_URI=.*:" + environment.get("DISCOVERY_PORT") + "/eureka/,.*:" + peer + "/eureka/$")
					.containsPattern("(?m)^CONFIG_SERVER_URI=http://localhost:" + environment.get("CONFIG_SERVER_PORT")
							+ ",http://localhost:" + secondConfigServer + "$");

			for (String port : List.of(environment.get("DISCOVERY_PORT"), Integer.toString(peer))) {
				String registry = Http.getJson("http://127.0.0.1:" + port + "/eureka/apps", eureka).orElseThrow().body();
				assertThat(registry).as("the registry on " + port).contains("sample-service:localhost:", "edge-gateway:localhost:",
						"discovery-service:localhost:" + environment.get("DISCOVERY_PORT"), "discovery-service:localhost:" + peer);
			}
			// The dashboard counts the other peer as an available replica.
			String dashboard = Http.get("http://127.0.0.1:" + environment.get("DISCOVERY_PORT") + "/", eureka).orElseThrow().body();
			assertThat(dashboard.replaceAll("\\s+", "")).contains("available-replicas</td><td>http://127.0.0.1:" + peer + "/eureka/");

			Processes.Result refresh = launcher(environment, Duration.ofSeconds(60), "refresh");
			assertThat(refresh.succeeded()).as(refresh.output()).isTrue();
		}
		finally {
			Processes.Result down = launcher(environment, Duration.ofMinutes(3), "down");
			assertThat(down.succeeded()).as(down.output()).isTrue();
			assertThat(pids).as("processes still running after ./platform down").noneMatch(Processes::alive);
			try (Stream<Path> left = Files.list(state)) {
				assertThat(left.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".pid")))
						.as("PID files left behind").isEmpty();
			}
		}
	}

	private static Processes.Result launcher(Map<String, String> environment, Duration timeout, String... arguments) {
		List<String> command = new ArrayList<>(List.of(Kit.root().resolve("platform").toString()));
		command.addAll(List.of(arguments));
		return Processes.run(command, Kit.root(), environment, timeout);
	}

	private static List<Long> recordedPids(Path state) throws IOException {
		try (Stream<Path> files = Files.list(state)) {
			return files.filter(file -> file.toString().endsWith(".pid")).map(file -> {
				try {
					return Long.parseLong(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim());
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).collect(Collectors.toList());
		}
	}

}
