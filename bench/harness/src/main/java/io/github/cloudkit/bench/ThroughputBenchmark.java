package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.cloudkit.bench.Measurement.Metric;
import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.ProcessReadings;
import io.github.cloudkit.testsupport.Processes;

/**
 * The throughput benchmark, in the order it runs: cold start, the extra gateways and nginx, the warm-up, the
 * side-by-side comparison, the cost of tracing, memory, scaling; then the report.
 */
final class ThroughputBenchmark {

	private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(120);
	private static final Pattern PLATFORM_UP_IN = Pattern.compile("Platform up in [0-9]*s");

	private final Run run;
	private final Tools tools;
	private final Options options;
	private final Platform platform;
	private final RunFacts facts = new RunFacts();

	private int gatewayPort;
	private int zipkinPort;
	private int defaultGatewayPort;
	private int offGatewayPort;
	private int allGatewayPort;
	private int nginxPort;
	private int scgPort;
	private long scgPid;
	private long gatewayPid;
	private long samplePid;
	private long defaultGatewayPid;
	private long offGatewayPid;
	private long allGatewayPid;
	/** Instances ./platform up started besides the kit's services (Prometheus), found in its state folder. */
	private List<String> besides = List.of();

	ThroughputBenchmark(Run run, Tools tools) {
		this.run = run;
		this.tools = tools;
		this.options = run.options;
		this.platform = run.platform;
	}

	void measure() throws Exception {
		run.work.makeConfigRepo(run.kitRoot);
		List<Integer> more = platform.usePorts(5);
		gatewayPort = platform.ports().gateway();
		zipkinPort = platform.ports().zipkin();
		defaultGatewayPort = more.get(0);
		offGatewayPort = more.get(1);
		allGatewayPort = more.get(2);
		nginxPort = more.get(3);
		scgPort = more.get(4);
		describeSetting();

		List<String> coldNames = coldStart();
		backToOneSampleInstance();
		startExtraGatewaysAndNginx();
		String direct = "http://127.0.0.1:" + platform.portOf("sample-service-1").orElseThrow() + "/";
		String viaNginx = "http://127.0.0.1:" + nginxPort + "/";
		String gateway = "http://127.0.0.1:" + gatewayPort + "/hello";
		String gatewayDefault = "http://127.0.0.1:" + defaultGatewayPort + "/hello";
		String gatewayOff = "http://127.0.0.1:" + offGatewayPort + "/hello";
		String gatewayAll = "http://127.0.0.1:" + allGatewayPort + "/hello";
		String viaScg = "http://127.0.0.1:" + scgPort + "/hello";

		facts.jit = "gateway: " + jitOf(gatewayPid) + "; sample service: " + jitOf(samplePid);
		Console.say("warming up (JIT: " + facts.jit + ") until the compiler threads go quiet");
		WarmUp warmUp = new WarmUp(run.wrk, run.work, options);
		// Seven targets a round: each gateway is under load a seventh of it.
		double share = 1.0 / 7;
		facts.warmUp = warmUp.run(
				List.of(new WarmUp.Target("direct", direct), new WarmUp.Target("nginx", viaNginx),
						new WarmUp.Target("gateway", gateway), new WarmUp.Target("scg", viaScg),
						new WarmUp.Target("gateway-default", gatewayDefault), new WarmUp.Target("gateway-off", gatewayOff),
						new WarmUp.Target("gateway-all", gatewayAll)),
				List.of(new WarmUp.Watched("gateway", gatewayPid, share), new WarmUp.Watched("scg", scgPid, share),
						new WarmUp.Watched("gateway-default", defaultGatewayPid, share),
						new WarmUp.Watched("gateway-off", offGatewayPid, share),
						new WarmUp.Watched("gateway-all", allGatewayPid, share), new WarmUp.Watched("sample", samplePid)),
				options.warmMinimumSeconds());

		Measurer measurer = new Measurer(run.wrk, run.work, options.durationSeconds(),
				platform.requirePid("zipkin-service-1"), new Zipkin(zipkinPort));
		List<Long> sample = List.of(samplePid);
		Console.say("side by side: direct, nginx, gateway, Spring Cloud Gateway; " + options.rounds() + " round(s) of "
				+ options.durationSeconds() + " s each, order rotating");
		List<String> targets = List.of("direct", "nginx", "gateway", "scg");
		for (int round = 1; round <= options.rounds(); round++) {
			for (int k = 0; k < targets.size(); k++) {
				switch (targets.get((k + round - 1) % targets.size())) {
				case "direct" -> measurer.measure("compare", "direct", direct, round, List.of(), sample);
				case "nginx" -> measurer.measure("compare", "nginx", viaNginx, round, run.nginx.processes(), sample);
				case "scg" -> measurer.measure("compare", "scg", viaScg, round, List.of(scgPid), sample);
				default -> measurer.measure("compare", "gateway", gateway, round, List.of(gatewayPid), sample);
				}
			}
		}
		Console.say("the gateway once more for " + options.durationSeconds() + " s under Java Flight Recorder");
		facts.gatewayProfile = GatewayProfile.record(run.kitRoot, run.wrk, run.work, gatewayPid, gateway,
				options.durationSeconds());
		fixedRate(measurer, Map.of("direct", direct, "nginx", viaNginx, "gateway", gateway, "scg", viaScg), targets);

		Console.say("tracing: gateways with sampling off, default (" + sampler() + "), everything; " + options.rounds()
				+ " round(s), order rotating");
		List<String> modes = List.of("off", "default", "all");
		for (int round = 1; round <= options.rounds(); round++) {
			for (int k = 0; k < 3; k++) {
				switch (modes.get((k + round - 1) % 3)) {
				case "off" -> measurer.measure("tracing", "sampling-off", gatewayOff, round, List.of(offGatewayPid), sample);
				case "default" -> measurer.measure("tracing", "sampling-default", gatewayDefault, round,
						List.of(defaultGatewayPid), sample);
				default -> measurer.measure("tracing", "sampling-all", gatewayAll, round, List.of(allGatewayPid), sample);
				}
			}
		}

		memoryAfterLoad();
		Console.say("stopping the extra gateways and nginx before scaling");
		run.stopExtraGateways();
		run.nginx.stop();
		run.nginx = null;

		scaling(measurer, gateway);
		report(coldNames, measurer);
	}

	/**
	 * Each path at fixed rates below saturation (shares of nginx's saturated throughput just measured), the targets
	 * alternating in rotating order within each round.
	 */
	private void fixedRate(Measurer measurer, Map<String, String> urls, List<String> targets)
			throws IOException, InterruptedException {
		double nginx = new Statistics(measurer.measurements()).median("compare", "nginx", Metric.REQUESTS_PER_SECOND)
				.orElseThrow(() -> new BenchFailure("no saturated nginx figure to take the fixed rates from"));
		FixedRateMeasurer fixed = new FixedRateMeasurer(run.work, options.fixedRateSeconds());
		facts.fixedRateSeconds = options.fixedRateSeconds();
		facts.nginxSaturated = nginx;
		for (int share : options.fixedRateShares()) {
			int rate = (int) Math.max(1, Math.round(nginx * share / 100));
			Console.say("fixed rate " + share + " % of nginx's " + Math.round(nginx) + " req/s: " + rate + " req/s, "
					+ options.rounds() + " round(s) of " + options.fixedRateSeconds() + " s per path, order rotating");
			for (int round = 1; round <= options.rounds(); round++) {
				for (int k = 0; k < targets.size(); k++) {
					String label = targets.get((k + round - 1) % targets.size());
					fixed.measure(share, rate, label, urls.get(label), round);
				}
			}
		}
		facts.fixedRate.addAll(fixed.runs());
	}

	private void describeSetting() {
		facts.quick = options.quick();
		facts.machine = Machine.describe(run.kitRoot);
		facts.wrkVersion = Tools.wrkVersion();
		facts.nginxVersion = Nginx.version(tools.nginx);
		facts.threads = options.threads();
		facts.connections = options.connections();
		facts.durationSeconds = options.durationSeconds();
		facts.rounds = options.rounds();
		facts.coldInstances = options.coldInstances();
	}

	/**
	 * From launching ./platform up until every service is healthy and /hello routed. The launcher records the
	 * classes each service loads during its first run after a build and ./platform down turns them into
	 * class-data archives; a user's second ./platform up starts with them, and so does the measured cold start:
	 * a full run first records whatever archive is missing. The table says which applied.
	 */
	private List<String> coldStart() throws Exception {
		List<String> names = platform.instanceNames(options.coldInstances());
		if (!options.quick()) {
			platform.recordArchivesIfMissing(List.of(), platform.instanceNames(1));
		}
		Console.say("cold start: ./platform up --instances " + options.coldInstances()
				+ " (broker, registry, config server and Zipkin first, then the rest)");
		long coldStart = System.nanoTime();
		Path log = run.work.logs.resolve("platform-up-cold.log");
		platform.upInBackground(options.coldInstances(), log);
		if (options.quick()) {
			// The smoke saves a minute by starting the extra gateways with the platform; its cold start is then
			// not comparable with a full run's.
			while (!platform.pidOf("edge-gateway-1").map(Processes::alive).orElse(false) && platform.upRunning()) {
				Thread.sleep(250);
			}
			if (!platform.pidOf("edge-gateway-1").map(Processes::alive).orElse(false)) {
				System.err.println(Platform.read(log));
				throw new BenchFailure("./platform up did not start the gateway");
			}
			startTracingGateways(platform.requirePid("edge-gateway-1"));
			startScg(platform.requirePid("edge-gateway-1"));
		}
		Map<String, String> healthyAfter = platform.awaitHealthy(names, coldStart, Platform.START_TIMEOUT);
		// What the launcher started besides the kit's services (Prometheus, when installed) is part of the platform too.
		besides = platform.startedBesides(names);
		healthyAfter.putAll(platform.awaitHealthy(besides, coldStart, Platform.START_TIMEOUT));
		facts.coldTotal = Platform.awaitRoute(gatewayPort, coldStart, ROUTE_TIMEOUT);
		Console.say("cold start: every service healthy and /hello routed after " + facts.coldTotal + " s");
		facts.platformUpExit = platform.finishUp(log, "--instances " + options.coldInstances());
		Matcher says = PLATFORM_UP_IN.matcher(Platform.read(log));
		while (says.find()) {
			facts.platformUpSays = says.group();
		}

		gatewayPid = platform.requirePid("edge-gateway-1");
		samplePid = platform.requirePid("sample-service-1");
		facts.defaultSampler = SamplerSettings.of(List.of(run.work.configRepo.resolve("application.yml"),
				run.work.configRepo.resolve("edge-gateway.yml"))).orElse(null);
		List<String> everyInstance = new ArrayList<>(names);
		everyInstance.addAll(besides);
		for (String name : everyInstance) {
			RunFacts.ColdService service = new RunFacts.ColdService();
			long pid = platform.requirePid(name);
			ProcessReadings readings = new ProcessReadings(pid);
			service.healthyAfter = healthyAfter.get(name);
			service.residentMegabytes = readings.residentMegabytesIfAlive().map(String::valueOf).orElse(null);
			service.classData = JvmCommandLine.classData(readings.commandLine());
			String serviceLog = Platform.read(run.work.state.resolve(name + ".log"));
			Optional<StartupLog.Started> started = StartupLog.started(serviceLog);
			if (started.isPresent()) {
				service.startedIn = started.get().startedIn();
				service.jvmRunningFor = started.get().jvmRunningFor();
			}
			else {
				// Zipkin: its "Serving HTTP at" log time minus the process start time.
				Optional<Instant> served = StartupLog.servingHttpAt(serviceLog);
				Optional<Double> processStart = readings.startedAtEpochSeconds();
				if (served.isPresent() && processStart.isPresent()) {
					service.jvmRunningFor = Console.format("%.1f", served.get().toEpochMilli() / 1000.0 - processStart.get());
				}
			}
			facts.coldStart.put(name, service);
		}
		return names;
	}

	/** A plain ./platform up starts two sample instances; the comparison runs against one. */
	private void backToOneSampleInstance() throws Exception {
		for (int i = 2; i <= options.coldInstances(); i++) {
			String name = "sample-service-" + i;
			long pid = platform.requirePid(name);
			Console.say("stopping " + name + " (PID " + pid + "): the comparison runs against one instance");
			Processes.stop(pid, Duration.ofSeconds(30));
			platform.forget(name);
		}
		int samplePort = platform.portOf("sample-service-1").orElseThrow();
		String id = Http.okBody("http://127.0.0.1:" + samplePort + "/id")
				.orElseThrow(() -> new BenchFailure("sample-service-1 does not answer /id"));
		Platform.awaitOnlyInstance(gatewayPort, id, Duration.ofSeconds(60));
	}

	/**
	 * The three gateways of the tracing comparison, all started alike (same history, same warm-up), so that
	 * the comparison does not also compare the platform's long-running gateway with fresh ones.
	 */
	private void startTracingGateways(long platformGateway) throws InterruptedException {
		defaultGatewayPid = startExtraGateway(platformGateway, "edge-gateway-sampling-default", defaultGatewayPort,
				"bench-sampling-default");
		offGatewayPid = startExtraGateway(platformGateway, "edge-gateway-sampling-off", offGatewayPort,
				"bench-sampling-off");
		allGatewayPid = startExtraGateway(platformGateway, "edge-gateway-sampling-all", allGatewayPort,
				"bench-sampling-all");
	}

	private long startExtraGateway(long platformGateway, String name, int port, String profile)
			throws InterruptedException {
		long pid = ExtraGateway.start(platformGateway, name, port, profile, run.work.logs.resolve(name + ".log"));
		run.extraGateways.add(pid);
		return pid;
	}

	/** Spring Cloud Gateway, the peer of the comparison; stopped with the extra gateways. */
	private void startScg(long platformGateway) {
		scgPid = ScgGateway.start(run.kitRoot, platformGateway, scgPort, run.work.logs.resolve(ScgGateway.NAME + ".log"));
		run.extraGateways.add(scgPid);
	}

	private void startExtraGatewaysAndNginx() throws Exception {
		if (!options.quick()) {
			Console.say("starting three more gateways for the tracing comparison (sampling default, off, everything) and "
					+ "Spring Cloud Gateway");
			startTracingGateways(gatewayPid);
			startScg(gatewayPid);
		}
		long started = System.nanoTime();
		record Extra(long pid, int port, String what, String log) {
		}
		for (Extra extra : List.of(
				new Extra(defaultGatewayPid, defaultGatewayPort, "sampling-default gateway", "edge-gateway-sampling-default"),
				new Extra(offGatewayPid, offGatewayPort, "sampling-off gateway", "edge-gateway-sampling-off"),
				new Extra(allGatewayPid, allGatewayPort, "sampling-all gateway", "edge-gateway-sampling-all"),
				new Extra(scgPid, scgPort, "Spring Cloud Gateway", ScgGateway.NAME))) {
			while (!Http.isUp(extra.port())) {
				if (!Processes.alive(extra.pid())) {
					System.err.println(Platform.tail(Platform.read(run.work.logs.resolve(extra.log() + ".log")), 4000));
					throw new BenchFailure("the " + extra.what() + " exited");
				}
				if (System.nanoTime() - started > Platform.START_TIMEOUT.toNanos()) {
					throw new BenchFailure("the " + extra.what() + " is not healthy after "
							+ Platform.START_TIMEOUT.toSeconds() + "s");
				}
				Thread.sleep(500);
			}
			Platform.awaitRoute(extra.port(), started, ROUTE_TIMEOUT);
		}
		Console.say("extra gateways up");
		Nginx nginx = new Nginx(tools.nginx, run.work);
		run.nginx = nginx;
		nginx.start(nginxPort, platform.portOf("sample-service-1").orElseThrow());
		Console.say("nginx " + facts.nginxVersion + " proxying 127.0.0.1:" + nginxPort + " to sample-service-1 (PID "
				+ nginx.pid() + ", workers " + String.join(" ", nginx.workers().stream().map(String::valueOf).toList()) + ")");
	}

	private void memoryAfterLoad() {
		List<String> names = new ArrayList<>(platform.instanceNames(1));
		names.addAll(besides);
		for (String name : names) {
			facts.memory.put(name, memoryOf(platform.pidOf(name).orElse(0L)));
		}
		facts.memory.put("edge-gateway-sampling-default", memoryOf(defaultGatewayPid));
		facts.memory.put("edge-gateway-sampling-off", memoryOf(offGatewayPid));
		facts.memory.put("edge-gateway-sampling-all", memoryOf(allGatewayPid));
		facts.memory.put(ScgGateway.NAME, memoryOf(scgPid));
		facts.nginxResidentMegabytes = run.nginx.processes().stream()
				.mapToLong(pid -> new ProcessReadings(pid).residentMegabytesIfAlive().orElse(0L)).sum();
	}

	private static Long[] memoryOf(long pid) {
		ProcessReadings readings = new ProcessReadings(pid);
		return new Long[] { readings.residentMegabytesIfAlive().orElse(null), readings.peakResidentMegabytes().orElse(null) };
	}

	/** The gateway with 1, 2 (and 4) sample instances: each new instance in rotation, warmed, then measured. */
	private void scaling(Measurer measurer, String gateway) throws Exception {
		int current = 1;
		for (int instances : options.scaleSteps()) {
			RunFacts.ScaleStep step = new RunFacts.ScaleStep();
			if (instances > current) {
				Console.say("scaling: ./platform up --instances " + instances);
				long started = System.nanoTime();
				Path log = run.work.logs.resolve("platform-up-" + instances + ".log");
				platform.upInBackground(instances, log);
				List<String> added = new ArrayList<>();
				for (int i = current + 1; i <= instances; i++) {
					added.add("sample-service-" + i);
				}
				platform.awaitHealthy(added, started, Platform.START_TIMEOUT);
				Platform.awaitDistinctInstances(gatewayPort, instances, ROUTE_TIMEOUT);
				step.routedAfter = Console.secondsSince(started);
				Console.say("scaling: the gateway routes to " + instances + " instances " + step.routedAfter
						+ " s after ./platform up --instances " + instances);
				platform.finishUp(log, "--instances " + instances);
				current = instances;
				List<WarmUp.Watched> watched = new ArrayList<>(List.of(new WarmUp.Watched("gateway", gatewayPid)));
				for (int i = 1; i <= instances; i++) {
					watched.add(new WarmUp.Watched("sample-" + i, platform.requirePid("sample-service-" + i)));
				}
				step.warmUp = new WarmUp(run.wrk, run.work, options).run(List.of(new WarmUp.Target("gateway", gateway)),
						watched, options.warmMinimumSeconds() / 3);
			}
			List<Long> samples = new ArrayList<>();
			for (int i = 1; i <= instances; i++) {
				samples.add(platform.requirePid("sample-service-" + i));
			}
			for (int round = 1; round <= options.rounds(); round++) {
				measurer.measure("scale-" + instances, "gateway", gateway, round, List.of(gatewayPid), samples);
			}
			for (Map.Entry<String, Long> instance : platform.instances().entrySet()) {
				Optional<Long> rss = new ProcessReadings(instance.getValue()).residentMegabytesIfAlive();
				if (rss.isEmpty() || !Processes.alive(instance.getValue())) {
					continue;
				}
				step.totalResidentMegabytes += rss.get();
				if (instance.getKey().startsWith("sample-service-")) {
					step.sampleResidentMegabytes += rss.get();
				}
			}
			facts.scaling.put(instances, step);
		}
	}

	private void report(List<String> coldNames, Measurer measurer) throws Exception {
		facts.runSeconds = Console.secondsSinceStart();
		facts.date = Markdown.producedNow();
		facts.jvmOptions = platform.jvmOptions("edge-gateway-1");
		facts.jvmOptionNotes = platform.jvmOptionDifferences("edge-gateway-1", platform.instanceNames(1));
		facts.warnings.addAll(Console.warnings());
		String markdown = ThroughputReport.markdown(facts, new Statistics(measurer.measurements()));
		Files.writeString(run.work.results, markdown);
		System.out.println();
		System.out.print(markdown);
		System.out.println();
	}

	private String jitOf(long pid) {
		return JvmCommandLine.jit(JvmCommandLine.options(new ProcessReadings(pid).commandLine()));
	}

	private String sampler() {
		return facts.defaultSampler == null ? "?" : facts.defaultSampler;
	}

}
