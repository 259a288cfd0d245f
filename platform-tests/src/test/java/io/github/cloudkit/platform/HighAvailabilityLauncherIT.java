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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.Processes;
import org.junit.jupiter.api.Test;

/**
 * ./platform up --ha as a user runs it (every port free, its own state folder): two registry peers that list each
 * other and everything, two config servers, every service given both of each; every service's log rolls;
 * ./platform down stops every process.
 */
class HighAvailabilityLauncherIT {

	/** Small, so that a few hundred requests roll the gateway's log. */
	private static final int LOG_MAX_MEGABYTES = 1;

	@Test
	void upHaRunsPairsEveryServiceListsAndDownLeavesNothingRunning() throws IOException {
		Path state = Kit.workDirectory().resolve("ha-launcher-" + Long.toString(System.nanoTime(), 36));
		Map<String, String> environment = launcherEnvironment(state);
		for (String variable : Kit.launcher(Map.of(), "port-variables")) {
			environment.put(variable, Integer.toString(Kit.freePort()));
		}
		environment.put("PLATFORM_LOG_MAX_SIZE", LOG_MAX_MEGABYTES + "MB");
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

			// `up` waits for health and routing; a peer may take a moment longer to hold the other's registrations.
			List<String> everyService = List.of("sample-service:localhost:", "edge-gateway:localhost:",
					"discovery-service:localhost:" + environment.get("DISCOVERY_PORT"), "discovery-service:localhost:" + peer);
			for (String port : List.of(environment.get("DISCOVERY_PORT"), Integer.toString(peer))) {
				Poll.until(Duration.ofSeconds(30), () -> Http.getJson("http://127.0.0.1:" + port + "/eureka/apps", eureka)
						.map(Http.Response::body).orElse(""), registry -> everyService.stream().allMatch(registry::contains),
						"the registry on " + port + " lists " + everyService);
			}
			// The dashboard counts the other peer as an available replica.
			Poll.until(Duration.ofSeconds(30), () -> Http.get("http://127.0.0.1:" + environment.get("DISCOVERY_PORT") + "/", eureka)
					.map(answer -> answer.body().replaceAll("\\s+", "")).orElse(""),
					dashboard -> dashboard.contains("available-replicas</td><td>http://127.0.0.1:" + peer + "/eureka/"),
					"the dashboard counts " + peer + " as an available replica");

			Processes.Result refresh = launcher(environment, Duration.ofSeconds(60), "refresh");
			assertThat(refresh.succeeded()).as(refresh.output()).isTrue();

			assertLogsRoll(state, Integer.parseInt(environment.get("GATEWAY_PORT")));
		}
		catch (RuntimeException | AssertionError | IOException failure) {
			// Stopped all the same; the failure reported is the first one, not what stopping a broken platform says.
			launcher(environment, Duration.ofMinutes(3), "down");
			throw failure;
		}
		Processes.Result down = launcher(environment, Duration.ofMinutes(3), "down");
		assertThat(down.succeeded()).as(down.output()).isTrue();
		assertThat(pids).as("processes still running after ./platform down").noneMatch(Processes::alive);
		try (Stream<Path> left = Files.list(state)) {
			assertThat(left.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".pid")))
					.as("PID files left behind").isEmpty();
		}
	}

	@Test
	void aLogSizeThatIsNoSizeEndsUpBeforeAnythingIsWritten() {
		Path state = Kit.workDirectory().resolve("bad-log-size-" + Long.toString(System.nanoTime(), 36));
		Map<String, String> environment = launcherEnvironment(state);
		environment.put("PLATFORM_LOG_TOTAL_SIZE", "100 megabytes");
		Processes.Result up = launcher(environment, Duration.ofSeconds(60), "up");
		assertThat(up.succeeded()).isFalse();
		assertThat(up.output().strip())
				.isEqualTo("platform: PLATFORM_LOG_TOTAL_SIZE takes a size such as 10MB (KB, MB or GB), not '100 megabytes'");
		assertThat(state).doesNotExist();
	}

	/**
	 * Every Logback service writes its own NAME.log (the console off: NAME.out holds the banner, no log line); the
	 * gateway's, which has a line per request, rolls into a gzipped file once it outgrows PLATFORM_LOG_MAX_SIZE.
	 */
	private static void assertLogsRoll(Path state, int gatewayPort) throws IOException {
		for (String name : List.of("config-server-1", "discovery-service-2", "edge-gateway-1", "sample-service-1")) {
			assertThat(Files.readString(state.resolve(name + ".log"))).as(name + ".log").containsPattern("Started \\w+ in");
			assertThat(Files.readString(state.resolve(name + ".out"))).as(name + ".out").contains(":: Spring Boot ::")
					.doesNotContain(" INFO ");
		}
		// The request log line carries the URL: 4 KB paths (sample-service answers 404) make a megabyte in ~250 requests.
		String longPath = "/hello/" + "x".repeat(4_000);
		for (int i = 0; i < 400; i++) {
			assertThat(Http.get("http://127.0.0.1:" + gatewayPort + longPath)).as("the gateway answers").isPresent();
		}
		List<Path> rolled = Poll.until(Duration.ofSeconds(20), () -> rolledLogs(state, "edge-gateway-1"), files -> !files.isEmpty(),
				"a rolled edge-gateway-1.log.*.gz in " + state);
		assertThat(rolled.get(0).getFileName().toString()).matches("edge-gateway-1\\.log\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.gz");
		assertThat(Files.size(state.resolve("edge-gateway-1.log"))).as("the live log after rolling")
				.isLessThan(2L * LOG_MAX_MEGABYTES * 1024 * 1024);
	}

	private static List<Path> rolledLogs(Path state, String name) {
		try (Stream<Path> files = Files.list(state)) {
			return files.filter(file -> file.getFileName().toString().matches(Pattern.quote(name) + "\\.log\\..*\\.gz")).sorted()
					.collect(Collectors.toList());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** The launcher's environment: none of a developer's own kit settings, and a state folder of the test's. */
	private static Map<String, String> launcherEnvironment(Path state) {
		Map<String, String> environment = new HashMap<>();
		Platform.KIT_VARIABLES.forEach(variable -> environment.put(variable, null));
		environment.put("PLATFORM_STATE_DIR", state.toString());
		return environment;
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
