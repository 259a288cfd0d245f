package io.github.cloudkit.bench;

import java.util.Map;
import java.util.Optional;

import io.github.cloudkit.bench.Measurement.Metric;
import io.github.cloudkit.bench.Statistics.Paired;
import io.github.cloudkit.bench.Statistics.Pairing;

/**
 * The Markdown results of a throughput run (bench/results.md): its headings, columns, rows and labels are what
 * readers and .ci/bench-smoke look for, so they only change deliberately.
 */
final class ThroughputReport {

	private final RunFacts facts;
	private final Statistics statistics;
	private final StringBuilder out = new StringBuilder();

	private ThroughputReport(RunFacts facts, Statistics statistics) {
		this.facts = facts;
		this.statistics = statistics;
	}

	static String markdown(RunFacts facts, Statistics statistics) {
		return new ThroughputReport(facts, statistics).write();
	}

	private String write() {
		header();
		throughput();
		if (!facts.fixedRate.isEmpty()) {
			out.append(FixedRateReport.markdown(facts));
		}
		gatewayProfile();
		tracing();
		coldStart();
		memory();
		goals();
		scaling();
		out.append(Console.warningsSection(facts.warnings));
		line();
		line("Raw wrk outputs, fixed-rate runs (`fixed-rate.tsv`), service logs and the nginx configuration of the last run:"
				+ " `bench/last-run/`.");
		return out.toString();
	}

	private void header() {
		Machine machine = facts.machine;
		line("# Benchmark results");
		line();
		if (facts.quick) {
			line("> **Smoke run (`bench/run --quick`)**: runs too short, one round, the extra gateways started together");
			line("> with the platform. These figures only show that the harness works; use a full run for numbers.");
			line();
		}
		line("Produced by `bench/run" + (facts.quick ? " --quick" : "") + "` on " + facts.date + " in " + facts.runSeconds
				+ " s, kit commit " + machine.kitCommit() + ".");
		line();
		line("| Setting | Value |");
		line("|---|---|");
		machine.settingRows().forEach(this::line);
		line("| JVM options (every service, from its command line) | `" + facts.jvmOptions + "`"
				+ (facts.jvmOptionNotes.isEmpty() ? "" : " (differs: " + facts.jvmOptionNotes + ")") + " |");
		line("| JIT | " + facts.jit + " |");
		line("| Load generator | wrk " + facts.wrkVersion + ": `wrk -t" + facts.threads + " -c" + facts.connections + " -d"
				+ facts.durationSeconds + "s --latency <url>`, on the same machine; at fixed rates the harness's own"
				+ " (below) |");
		line("| Rounds | " + facts.rounds + " per comparison; the targets of a comparison alternate, their order rotating "
				+ "each round; medians shown, every round in the last column |");
		line("| Warm-up | " + facts.warmUp + " |");
		line("| Reference | nginx " + facts.nginxVersion
				+ ", `worker_processes auto`, keep-alive upstream (`keepalive 64`, HTTP/1.1) on loopback |");
		line("| Configuration | a copy of `config-repo/` as served by a config server (Sleuth sampler `" + sampler("?")
				+ "` unless stated), Zipkin running |");
		line();
		line("The machine is shared and wrk runs on the same cores: absolute figures are noisy, the ratios (each taken");
		line("within one round, then the median) are the result. CPU per request is user + system time of the proxy's");
		line("and the backend's processes during the run (from `/proc`), divided by the requests answered.");
		line();
	}

	private void throughput() {
		line("## Throughput and latency, one sample-service instance");
		line();
		line("| Path | req/s | p50 ms | p99 ms | proxy CPU ms/req | backend CPU ms/req | req/s per round |");
		line("|---|---:|---:|---:|---:|---:|---|");
		compareRow("direct", "sample-service directly (`GET /`)");
		compareRow("nginx", "nginx → sample-service (`GET /`)");
		compareRow("gateway", "edge gateway → sample-service (`GET /hello`)");
		compareRow("scg", "Spring Cloud Gateway → sample-service (`GET /hello`)");
		line();
		line("Spring Cloud Gateway (bench/scg-gateway, the Hoxton line's, on Reactor Netty) is set up for the same job as");
		line("the edge gateway: the route from Eureka through Spring Cloud LoadBalancer, the same headers dropped, GETs");
		line("retried on the next instances, a Resilience4J circuit breaker with a fallback, Sleuth; the gateway's JVM");
		line("options, and its configuration from the same config server.");
		line();
		line("| Comparison | median | per round |");
		line("|---|---:|---|");
		ratioRow("throughput gateway / nginx", "gateway", "nginx", Metric.REQUESTS_PER_SECOND, Pairing.RATIO, "%.2f", "");
		ratioRow("throughput gateway / direct", "gateway", "direct", Metric.REQUESTS_PER_SECOND, Pairing.RATIO, "%.2f", "");
		ratioRow("throughput gateway / Spring Cloud Gateway", "gateway", "scg", Metric.REQUESTS_PER_SECOND, Pairing.RATIO,
				"%.2f", "");
		ratioRow("throughput Spring Cloud Gateway / nginx", "scg", "nginx", Metric.REQUESTS_PER_SECOND, Pairing.RATIO,
				"%.2f", "");
		ratioRow("throughput nginx / direct", "nginx", "direct", Metric.REQUESTS_PER_SECOND, Pairing.RATIO, "%.2f", "");
		ratioRow("p99 added by the gateway (gateway − direct)", "gateway", "direct", Metric.P99, Pairing.DIFFERENCE, "%+.2f",
				" ms");
		ratioRow("p99 added by nginx (nginx − direct)", "nginx", "direct", Metric.P99, Pairing.DIFFERENCE, "%+.2f", " ms");
		ratioRow("p99 added by Spring Cloud Gateway (SCG − direct)", "scg", "direct", Metric.P99, Pairing.DIFFERENCE,
				"%+.2f", " ms");
		ratioRow("CPU per request of the whole path, gateway / nginx", "gateway", "nginx", Metric.TOTAL_CPU, Pairing.RATIO,
				"%.2f", "");
		ratioRow("CPU per request of the whole path, gateway / direct", "gateway", "direct", Metric.TOTAL_CPU,
				Pairing.RATIO, "%.2f", "");
		ratioRow("CPU per request of the whole path, gateway / Spring Cloud Gateway", "gateway", "scg", Metric.TOTAL_CPU,
				Pairing.RATIO, "%.2f", "");
		line();
	}

	private void gatewayProfile() {
		if (facts.gatewayProfile.isEmpty()) {
			return;
		}
		line("## Where the gateway's CPU goes (Java Flight Recorder)");
		line();
		line("One more run of " + facts.durationSeconds + " s through the warm gateway, under JFR's `profile` settings (which");
		line("cost it some throughput; this run is in no other table), summarised by `bench/jfr-summary`; the recording is");
		line("`bench/last-run/gateway.jfr`. The same summary before and after the route path stopped building its");
		line("framework objects per request: [`jfr-gateway.md`](jfr-gateway.md).");
		line();
		out.append(facts.gatewayProfile.strip()).append('\n');
		line();
	}

	private void tracing() {
		line("## Cost of tracing (gateway `/hello`, Zipkin running)");
		line();
		line("Three more gateways with the platform gateway's command line, started and warmed together, one loaded at a");
		line("time, each routing to the same instance; the sample service follows the gateway's sampling decision (B3");
		line("headers). A Spring profile served from the temporary config repository sets the probability of two of them;");
		line("the default one has the configuration as it is. With `rate: 10` at most 10 requests a second are traced,");
		line("under 1 % at these rates, so its cost is expected within the noise (identical JVMs differ by a few percent).");
		line("CPU per request (every process on the path, from `/proc`) is less disturbed by other work on the machine");
		line("than req/s: with the cores saturated, throughput falls roughly as CPU per request rises.");
		line();
		line("| Sampling | req/s | p99 ms | throughput vs off | gateway CPU ms/req | CPU ms/req, gateway + sample + Zipkin "
				+ "| CPU vs off | spans/s into Zipkin | req/s per round | vs off per round |");
		line("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
		tracingRow("sampling-off", "off (`probability: 0.0`)");
		tracingRow("sampling-default", "default (`" + sampler("see config-repo/application.yml") + "`)");
		tracingRow("sampling-all", "everything (`probability: 1.0`)");
		line();
	}

	private void coldStart() {
		line("## Cold start");
		line();
		line("`./platform up --instances " + facts.coldInstances + "` starts the message broker, registry, config server and "
				+ "Zipkin, then the rest; every service healthy and");
		line("`/hello` routed **" + facts.coldTotal + " s** after it began (the harness polls every 0.25 s; the times below "
				+ "count from");
		line("the same moment).");
		line((facts.platformUpSays.isEmpty() ? "" : "The launcher itself reported \"" + facts.platformUpSays + "\". ")
				+ "`./platform up` exit status: " + facts.platformUpExit + ".");
		line();
		line("| Service | healthy after (s) | Spring Boot \"Started in\" (s) | \"JVM running for\" (s) | RSS after start (MB) "
				+ "| class data |");
		line("|---|---:|---:|---:|---:|---|");
		for (Map.Entry<String, RunFacts.ColdService> entry : facts.coldStart.entrySet()) {
			RunFacts.ColdService service = entry.getValue();
			String note = entry.getKey().equals("zipkin-service-1") && service.startedIn == null ? " ¹" : "";
			line("| " + entry.getKey() + " | " + orNa(service.healthyAfter) + " | " + orNa(service.startedIn) + " | "
					+ orNa(service.jvmRunningFor) + note + " | " + orNa(service.residentMegabytes) + " | "
					+ orNa(service.classData) + " |");
		}
		line();
		line("¹ Zipkin logs no \"Started\" line: its \"Serving HTTP at\" log time minus the process start time.");
		if (facts.coldStart.values().stream().anyMatch(service -> JvmCommandLine.NOT_A_JVM.equals(service.classData))) {
			line("A service that is not a JVM (Prometheus) is healthy when it answers its readiness page; its RSS is its");
			line("process's, from `/proc`.");
		}
		line();
	}

	private void memory() {
		line("## Memory after the load");
		line();
		line("Resident set size (`VmRSS`) after the comparisons above, and its peak (`VmHWM`).");
		line();
		line("| Service | RSS (MB) | peak RSS (MB) |");
		line("|---|---:|---:|");
		facts.memory.forEach((name, readings) -> line("| " + name + " | " + orNa(readings[0]) + " | " + orNa(readings[1]) + " |"));
		line("| nginx (master + workers) | " + orNa(facts.nginxResidentMegabytes) + " | |");
		line();
	}

	/** The performance goals (issue 19), each with this run's figure. */
	private void goals() {
		line("## Goals");
		line();
		line("| Goal | this run | met |");
		line("|---|---:|---|");
		Paired nginx = statistics.paired("compare", "gateway", "nginx", Metric.REQUESTS_PER_SECOND, Pairing.RATIO);
		goalRow("throughput gateway / nginx at saturation ≥ 0.60", nginx.median(), "%.2f", value -> value >= 0.60);
		Paired scg = statistics.paired("compare", "gateway", "scg", Metric.REQUESTS_PER_SECOND, Pairing.RATIO);
		goalRow("throughput gateway / Spring Cloud Gateway at saturation ≥ 1.0", scg.median(), "%.2f", value -> value >= 1.0);
		int share = FixedRateReport.GOAL_SHARE;
		goalRow("p99 added by the gateway at " + share + " % load ≤ 5 ms",
				FixedRateReport.added(facts.fixedRate, share, "gateway", FixedRateRun::p99Millis).median(), "%+.2f ms",
				value -> value <= 5);
		goalRow("p99.9 added by the gateway at " + share + " % load ≤ 20 ms",
				FixedRateReport.added(facts.fixedRate, share, "gateway", FixedRateRun::p999Millis).median(), "%+.2f ms",
				value -> value <= 20);
		Long[] gateway = facts.memory.get("edge-gateway-1");
		goalRow("gateway RSS after the load ≤ 256 MB", Optional.ofNullable(gateway == null ? null : gateway[0])
				.map(Long::doubleValue), "%.0f MB", value -> value <= 256);
		line();
	}

	private void goalRow(String goal, Optional<Double> value, String format, java.util.function.DoublePredicate met) {
		line("| " + goal + " | " + Statistics.format(value, format) + " | "
				+ value.map(v -> met.test(v) ? "yes" : "**no**").orElse("n/a") + " |");
	}

	private void scaling() {
		line("## Scaling: gateway with more sample-service instances");
		line();
		line("The gateway balances round robin over the instances; all share the same cores, so this shows what each");
		line("instance costs rather than extra capacity. Total RSS: every platform service (message broker, Zipkin,");
		line("config, registry, gateway, instances).");
		line();
		line("| Instances | gateway req/s | p99 ms | vs 1 instance | total RSS (MB) | sample instances RSS (MB) "
				+ "| new instances in rotation after (s) | req/s per round |");
		line("|---:|---:|---:|---:|---:|---:|---:|---|");
		Optional<Double> base = statistics.median("scale-1", "gateway", Metric.REQUESTS_PER_SECOND);
		facts.scaling.forEach((instances, step) -> {
			String phase = "scale-" + instances;
			Optional<Double> rps = statistics.median(phase, "gateway", Metric.REQUESTS_PER_SECOND);
			String versusOne = rps.isPresent() && base.isPresent() && base.get() > 0
					? Console.format("%.2f", rps.get() / base.get())
					: "n/a";
			line("| " + instances + " | " + Statistics.format(rps, "%.0f") + " | "
					+ Statistics.format(statistics.median(phase, "gateway", Metric.P99), "%.2f") + " | " + versusOne + " | "
					+ step.totalResidentMegabytes + " | " + step.sampleResidentMegabytes + " | "
					+ (step.routedAfter == null ? "-" : step.routedAfter) + " | "
					+ statistics.rounds(phase, "gateway", Metric.REQUESTS_PER_SECOND, "%.0f") + " |");
		});
		line();
		line("\"New instances in rotation\": from `./platform up --instances N` to the gateway answering from all N. Each new");
		line("instance was warmed before it was measured:");
		facts.scaling.forEach((instances, step) -> {
			if (step.warmUp != null) {
				line("- " + instances + " instances: " + step.warmUp);
			}
		});
	}

	private void compareRow(String label, String description) {
		line("| " + description + " | " + median("compare", label, Metric.REQUESTS_PER_SECOND, "%.0f") + " | "
				+ median("compare", label, Metric.P50, "%.2f") + " | " + median("compare", label, Metric.P99, "%.2f") + " | "
				+ median("compare", label, Metric.PROXY_CPU, "%.3f") + " | "
				+ median("compare", label, Metric.SAMPLE_CPU, "%.3f") + " | "
				+ statistics.rounds("compare", label, Metric.REQUESTS_PER_SECOND, "%.0f") + " |");
	}

	private void ratioRow(String description, String a, String b, Metric metric, Pairing pairing, String format,
			String unit) {
		Paired paired = statistics.paired("compare", a, b, metric, pairing);
		line("| " + description + " | **" + Statistics.format(paired.median(), format) + unit + "** | "
				+ Statistics.join(paired.perRound(), format) + " |");
	}

	private void tracingRow(String label, String description) {
		Paired throughput = statistics.paired("tracing", label, "sampling-off", Metric.REQUESTS_PER_SECOND, Pairing.RATIO);
		Paired cpu = statistics.paired("tracing", label, "sampling-off", Metric.TOTAL_CPU, Pairing.RATIO);
		line("| " + description + " | " + median("tracing", label, Metric.REQUESTS_PER_SECOND, "%.0f") + " | "
				+ median("tracing", label, Metric.P99, "%.2f") + " | **" + Statistics.format(throughput.median(), "%.2f") + "** | "
				+ median("tracing", label, Metric.PROXY_CPU, "%.3f") + " | " + median("tracing", label, Metric.TOTAL_CPU, "%.3f")
				+ " | " + Statistics.format(cpu.median(), "%.2f") + " | "
				+ median("tracing", label, Metric.SPANS_PER_SECOND, "%.0f") + " | "
				+ statistics.rounds("tracing", label, Metric.REQUESTS_PER_SECOND, "%.0f") + " | "
				+ Statistics.join(throughput.perRound(), "%.2f") + " |");
	}

	private String median(String phase, String label, Metric metric, String format) {
		return Statistics.format(statistics.median(phase, label, metric), format);
	}

	private String sampler(String fallback) {
		return facts.defaultSampler == null ? fallback : facts.defaultSampler;
	}

	private static String orNa(Object value) {
		return value == null ? "n/a" : value.toString();
	}

	private void line(String text) {
		out.append(text).append('\n');
	}

	private void line() {
		out.append('\n');
	}

}
