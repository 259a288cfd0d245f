package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.ProcessReadings;
import io.github.cloudkit.testsupport.Processes;

/**
 * The benchmark's own platform, through the launcher's command line only (./platform up, down, archives,
 * free-ports; its state folder's NAME.pid, NAME.port, NAME.log and credentials.env) and /proc: never the
 * launcher's internals, which change on their own.
 */
final class Platform {

	/** Variables the kit's services read: a developer's own settings must not leak into the benchmark platform. */
	private static final List<String> DEVELOPER_VARIABLES = List.of("PORT", "SERVER_ADDRESS", "CONFIG_SERVER_URI",
			"EUREKA_URI", "ZIPKIN_URI", "CONFIG_GIT_USERNAME", "CONFIG_GIT_PASSWORD", "CONFIG_GIT_BASEDIR",
			"SPRING_PROFILES_ACTIVE", "SPRING_APPLICATION_JSON", "VCAP_APPLICATION", "VCAP_SERVICES", "MEM_MAX_SPANS",
			"ZIPKIN_ADDRESS", "QUERY_PORT", "SPRING_RABBITMQ_HOST", "SPRING_RABBITMQ_PORT", "SPRING_RABBITMQ_USERNAME",
			"SPRING_RABBITMQ_PASSWORD", "SPRING_RABBITMQ_ADDRESSES", "SPRING_CLOUD_BUS_ENABLED");

	static final Duration START_TIMEOUT = Duration.ofSeconds(300);
	/** The service the benchmark scales and measures behind the gateway. */
	static final String SAMPLE_SERVICE = "sample-service";

	private final Path kitRoot;
	private final WorkFolder work;
	private final Map<String, String> environment = new HashMap<>();
	private volatile Process up;
	private volatile boolean used;
	private volatile Ports ports;

	Platform(Path kitRoot, WorkFolder work) {
		this.kitRoot = kitRoot;
		this.work = work;
		DEVELOPER_VARIABLES.forEach(name -> environment.put(name, null));
		environment.put("PLATFORM_STATE_DIR", work.state.toString());
		environment.put("CONFIG_GIT_URI", work.configRepo.toString());
		environment.put("CONFIG_GIT_SEARCH_PATHS", "");
		environment.put("CONFIG_GIT_LABEL", "main");
	}

	/**
	 * The instances a platform of {@code samples} sample-service instances runs: the first instance of every service
	 * of ./platform services (the kit's one list), the sample service's {@code samples}, last.
	 */
	/** What ./platform up --ha starts besides {@link #instanceNames}: the second registry peer and config server. */
	static final List<String> SECOND_OF_PAIRS = List.of("config-server-2", "discovery-service-2");

	List<String> instanceNames(int samples) {
		Processes.Result result = platform(List.of("services"), Duration.ofSeconds(60));
		if (!result.succeeded()) {
			throw new BenchFailure("./platform services failed: " + result.output().strip());
		}
		List<String> names = new ArrayList<>();
		result.output().lines().map(String::strip).filter(service -> !service.isEmpty() && !service.equals(SAMPLE_SERVICE))
				.forEach(service -> names.add(service + "-1"));
		for (int i = 1; i <= samples; i++) {
			names.add(SAMPLE_SERVICE + "-" + i);
		}
		return names;
	}

	/** Each of the given count of free loopback ports (./platform's, below the ephemeral range). */
	private List<Integer> freePorts(int count) {
		Processes.Result result = platform(List.of("free-ports", Integer.toString(count)), Duration.ofSeconds(60));
		List<Integer> ports = result.output().lines().map(String::strip).filter(line -> line.matches("\\d+"))
				.map(Integer::parseInt).toList();
		if (!result.succeeded() || ports.size() != count) {
			throw new BenchFailure("could not find " + count + " free ports: " + result.output().strip());
		}
		return ports;
	}

	/**
	 * The ports of the platform's fixed services, as the launcher takes them from its environment: the admin console's
	 * and Prometheus's too, so that a benchmark platform never takes a developer's 9000 or 9090.
	 */
	record Ports(int configServer, int discovery, int gateway, int zipkin, int broker, int admin, int prometheus,
			int discoveryPeer, int configServerPeer) {
		/** How many ports {@link #of} takes. */
		static final int COUNT = 9;

		/** The first {@link #COUNT} of the given free ports, in the order of the record. */
		static Ports of(List<Integer> free) {
			return new Ports(free.get(0), free.get(1), free.get(2), free.get(3), free.get(4), free.get(5), free.get(6),
					free.get(7), free.get(8));
		}
	}

	/**
	 * Free ports for the platform's fixed services (the broker's AMQP port among them: BROKER_PORT) and {@code more}
	 * for the caller's own use after them, all from one ./platform free-ports, so that none is handed out twice.
	 */
	List<Integer> usePorts(int more) {
		List<Integer> free = freePorts(Ports.COUNT + more);
		Ports ports = Ports.of(free);
		environment.put("CONFIG_SERVER_PORT", Integer.toString(ports.configServer()));
		environment.put("DISCOVERY_PORT", Integer.toString(ports.discovery()));
		environment.put("GATEWAY_PORT", Integer.toString(ports.gateway()));
		environment.put("ZIPKIN_PORT", Integer.toString(ports.zipkin()));
		environment.put("BROKER_PORT", Integer.toString(ports.broker()));
		environment.put("ADMIN_PORT", Integer.toString(ports.admin()));
		environment.put("PROMETHEUS_PORT", Integer.toString(ports.prometheus()));
		// The second registry peer and config server of ./platform up --ha.
		environment.put("DISCOVERY_PEER_PORT", Integer.toString(ports.discoveryPeer()));
		environment.put("CONFIG_SERVER_PEER_PORT", Integer.toString(ports.configServerPeer()));
		this.ports = ports;
		return free.subList(Ports.COUNT, free.size());
	}

	/** The fixed services' ports, once {@link #usePorts} chose them. */
	Ports ports() {
		if (ports == null) {
			throw new IllegalStateException("no ports chosen yet");
		}
		return ports;
	}

	/** The seconds of the launcher's own "Platform up in Ns" in this log of ./platform up, or null when it has none. */
	static Double launcherSeconds(Path log) {
		java.util.regex.Matcher says = java.util.regex.Pattern.compile("Platform up in ([0-9]+)s").matcher(read(log));
		return says.find() ? Double.valueOf(says.group(1)) : null;
	}

	boolean archivesComplete() {
		return platform(List.of("archives"), Duration.ofMinutes(2)).succeeded();
	}

	/**
	 * A user's first ./platform up after a build records each service's class list, and ./platform down turns it into
	 * the service's class-data archive. When any archive is missing, one unmeasured start with these options (one
	 * sample instance; {@code names} are the instances it starts) and a stop make them, so that measured starts are a
	 * user's second.
	 */
	void recordArchivesIfMissing(List<String> options, List<String> names) throws Exception {
		if (archivesComplete()) {
			return;
		}
		String arguments = String.join(" ", options);
		Console.say("recording the launcher's class-data archives (./platform up" + (arguments.isEmpty() ? "" : " " + arguments)
				+ ", then down)");
		Path log = work.logs.resolve("platform-up-recording.log");
		long started = System.nanoTime();
		upInBackground(1, log, options);
		awaitHealthy(names, started, START_TIMEOUT);
		finishUp(log, ("--instances 1 " + arguments).strip());
		down(work.logs.resolve("platform-down-recording.log"));
	}

	/**
	 * ./platform up in the background: the harness watches health itself (to the quarter second) and does
	 * not depend on the launcher's own final check.
	 */
	void upInBackground(int instances, Path log) {
		upInBackground(instances, log, List.of());
	}

	/** The same with more of ./platform up's options ({@code --ha}). */
	void upInBackground(int instances, Path log, List<String> options) {
		used = true;
		List<String> command = new ArrayList<>(List.of("./platform", "up", "--instances", Integer.toString(instances)));
		command.addAll(options);
		up = Processes.start(command, kitRoot, environment, false, log);
	}

	boolean upRunning() {
		Process process = up;
		return process != null && process.isAlive();
	}

	/**
	 * Waits until ./platform up exits (at most 5 s once the harness saw everything healthy); notes a launcher
	 * that failed although the platform works, and stops one still waiting. Returns its exit status for the report.
	 */
	String finishUp(Path log, String arguments) throws InterruptedException {
		Process process = up;
		for (int waited = 0; process.isAlive() && waited < 20; waited++) {
			Thread.sleep(250);
		}
		String status;
		if (process.isAlive()) {
			Console.warn("`./platform up " + arguments + "` had not finished 5 s after every service was healthy and /hello "
					+ "routed; the harness stopped it (its services keep running). Its last output: `"
					+ tail(lastLine(log).replaceAll(" +", " ").replaceAll("\\.+", "."), 120) + "`");
			Processes.stop(process.pid(), Duration.ofSeconds(5));
			status = "none: it was still waiting 5 s after the harness saw everything healthy and routing, and was stopped (see Warnings)";
		}
		else {
			int exit = process.exitValue();
			status = Integer.toString(exit);
			if (exit != 0) {
				Console.warn("`./platform up " + arguments + "` exited " + exit + " although every service is healthy and "
						+ "/hello routes; its last line: `" + tail(lastLine(log), 200) + "`");
			}
		}
		up = null;
		return status;
	}

	/** Polls until each named instance answers UP; per instance, the seconds from start until it did. */
	Map<String, String> awaitHealthy(List<String> names, long startNanos, Duration timeout) throws InterruptedException {
		Map<String, String> healthyAfter = new LinkedHashMap<>();
		while (true) {
			boolean pending = false;
			for (String name : names) {
				if (healthyAfter.containsKey(name)) {
					continue;
				}
				pending = true;
				Optional<Integer> port = portOf(name);
				Optional<Long> pid = pidOf(name);
				if (port.isEmpty() || pid.isEmpty()) {
					continue;
				}
				if (!Processes.alive(pid.get())) {
					System.err.println(tail(read(work.state.resolve(name + ".log")), 4000));
					throw new BenchFailure(name + " (PID " + pid.get() + ", port " + port.get()
							+ ") exited before it was healthy; its log is above");
				}
				if (healthy(name, port.get())) {
					healthyAfter.put(name, Console.secondsSince(startNanos));
				}
			}
			if (!pending) {
				return healthyAfter;
			}
			if (up != null && !upRunning()) {
				// The launcher gave up (or ended early): if something it started is missing, so is the benchmark.
				for (String name : names) {
					if (!healthyAfter.containsKey(name) && !pidOf(name).map(Processes::alive).orElse(false)) {
						throw new BenchFailure("./platform up ended and " + name + " is not running (see "
								+ work.logs + "/platform-up-*.log)");
					}
				}
			}
			if (System.nanoTime() - startNanos > timeout.toNanos()) {
				List<String> missing = names.stream().filter(name -> !healthyAfter.containsKey(name)).toList();
				throw new BenchFailure("not healthy after " + timeout.toSeconds() + "s: " + String.join(" ", missing));
			}
			Thread.sleep(250);
		}
	}

	/**
	 * Instances the state folder names besides these: what ./platform up starts that is no kit service (Prometheus,
	 * when it is installed), in the state folder's order.
	 */
	List<String> startedBesides(List<String> names) {
		return instances().keySet().stream().filter(name -> !names.contains(name)).toList();
	}

	/** Healthy as ./platform's health column says: Prometheus ready, any other service's actuator UP. */
	private static boolean healthy(String name, int port) {
		if (name.startsWith("prometheus-")) {
			return Http.okBody("http://127.0.0.1:" + port + "/-/ready").isPresent();
		}
		return Http.isUp(port);
	}

	/** Seconds from start until the gateway on this port answered /hello with 200. */
	static String awaitRoute(int gatewayPort, long startNanos, Duration timeout) throws InterruptedException {
		String url = "http://127.0.0.1:" + gatewayPort + "/hello";
		while (Http.okBody(url).isEmpty()) {
			if (System.nanoTime() - startNanos > timeout.toNanos()) {
				String last = Http.get(url).map(answer -> answer.status() + " " + tail(answer.body(), 200)).orElse("none");
				throw new BenchFailure("the gateway on port " + gatewayPort + " does not route /hello after "
						+ timeout.toSeconds() + "s (last answer: " + last + ")");
			}
			Thread.sleep(250);
		}
		return Console.secondsSince(startNanos);
	}

	/** The gateway routes /hello/id to exactly this many distinct instances (Ribbon round robin). */
	static void awaitDistinctInstances(int gatewayPort, int count, Duration timeout) throws InterruptedException {
		long started = System.nanoTime();
		while (true) {
			Set<String> ids = new HashSet<>();
			for (int i = 0; i < count * 4; i++) {
				Http.okBody("http://127.0.0.1:" + gatewayPort + "/hello/id").filter(id -> !id.isBlank()).ifPresent(ids::add);
			}
			if (ids.size() == count) {
				return;
			}
			if (System.nanoTime() - started >= timeout.toNanos()) {
				throw new BenchFailure("the gateway on port " + gatewayPort + " routed to " + ids.size() + " instance(s) after "
						+ timeout.toSeconds() + "s, expected " + count);
			}
			Thread.sleep(1000);
		}
	}

	/** Until the gateway answers /hello/id only from this instance (a stopped one takes a registry fetch to leave). */
	static void awaitOnlyInstance(int gatewayPort, String id, Duration timeout) throws InterruptedException {
		long started = System.nanoTime();
		while (true) {
			boolean onlyThatOne = true;
			for (int i = 0; i < 8; i++) {
				onlyThatOne &= Http.okBody("http://127.0.0.1:" + gatewayPort + "/hello/id").map(id::equals).orElse(false);
			}
			if (onlyThatOne) {
				return;
			}
			if (System.nanoTime() - started >= timeout.toNanos()) {
				throw new BenchFailure("the gateway still routes to other instances than " + id + " after "
						+ timeout.toSeconds() + " s");
			}
			Thread.sleep(1000);
		}
	}

	Optional<Long> pidOf(String name) {
		return stateNumber(name + ".pid").map(Long::parseLong);
	}

	Optional<Integer> portOf(String name) {
		return stateNumber(name + ".port").map(Integer::parseInt);
	}

	long requirePid(String name) {
		return pidOf(name).orElseThrow(() -> new BenchFailure("the state folder names no PID for " + name));
	}

	/** An instance's JVM options, from its command line (see {@link JvmCommandLine#options}). */
	String jvmOptions(String name) {
		return JvmCommandLine.options(new ProcessReadings(pidOf(name).orElse(0L)).commandLine());
	}

	/** The instances whose JVM options differ from {@code reference}'s, as the reports note them: "name: `options`; ...". */
	String jvmOptionDifferences(String reference, List<String> names) {
		String options = jvmOptions(reference);
		List<String> notes = new ArrayList<>();
		for (String name : names) {
			String own = jvmOptions(name);
			if (!name.equals(reference) && !own.equals(options)) {
				notes.add(name + ": `" + own + "`");
			}
		}
		return String.join("; ", notes);
	}

	/** Every instance the state folder names, with its PID. */
	Map<String, Long> instances() {
		Map<String, Long> instances = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(work.state)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
				String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
				pidOf(name).ifPresent(pid -> instances.put(name, pid));
			}
		}
		catch (IOException ex) {
			// No state folder: nothing started.
		}
		return instances;
	}

	/** Forgets a stopped instance, as the launcher would have. */
	void forget(String name) throws IOException {
		Files.deleteIfExists(work.state.resolve(name + ".pid"));
		Files.deleteIfExists(work.state.resolve(name + ".port"));
	}

	/** A value from the platform's generated credentials file (the last one wins). */
	String credential(String name) {
		List<String> values = read(work.state.resolve("credentials.env")).lines()
				.filter(line -> line.startsWith(name + "=")).map(line -> line.substring(name.length() + 1)).toList();
		if (values.isEmpty()) {
			throw new BenchFailure("no " + name + " in " + work.state.resolve("credentials.env"));
		}
		return values.get(values.size() - 1);
	}

	/**
	 * Stops everything of this platform: ./platform up if still running, ./platform down, then whatever it
	 * missed (it may have been edited meanwhile): every PID the state folder names that is a kit instance.
	 */
	void stopAll() {
		Process process = up;
		if (process != null) {
			Processes.stop(process.pid(), Duration.ofSeconds(5));
		}
		if (!used) {
			return;
		}
		Console.say("stopping the benchmark platform");
		Processes.Result down = platform(List.of("down"), Duration.ofMinutes(3));
		try {
			Files.writeString(work.logs.resolve("platform-down.log"), down.output());
		}
		catch (IOException ex) {
			// Only a log.
		}
		// A kit instance says its name; Prometheus names its configuration in this state folder.
		String state = work.state.toString();
		List<Long> leftovers = new ArrayList<>();
		instances().values().forEach(pid -> {
			if (new ProcessReadings(pid).commandLine().stream()
					.anyMatch(argument -> argument.startsWith("-Dkit.instance=") || argument.contains(state + "/prometheus/"))) {
				leftovers.add(pid);
			}
		});
		Processes.stopAll(leftovers, Duration.ofSeconds(5));
	}

	/** ./platform down, to record archives in the middle of a run (the run goes on with a new up). */
	void down(Path log) throws IOException {
		Files.writeString(log, platform(List.of("down"), Duration.ofMinutes(3)).output());
	}

	static String lastLine(Path log) {
		List<String> lines = read(log).lines().toList();
		return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "";
		}
	}

	static String tail(String text, int characters) {
		return text.length() <= characters ? text : text.substring(text.length() - characters);
	}

	private Processes.Result platform(List<String> arguments, Duration timeout) {
		List<String> command = new ArrayList<>(List.of("./platform"));
		command.addAll(arguments);
		return Processes.run(command, kitRoot, environment, timeout);
	}

	private Optional<String> stateNumber(String file) {
		String value = read(work.state.resolve(file)).strip();
		return value.matches("\\d+") ? Optional.of(value) : Optional.empty();
	}

}
