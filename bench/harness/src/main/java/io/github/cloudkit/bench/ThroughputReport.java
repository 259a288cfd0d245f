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
	private final Markdown out = new Markdown();

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
		out.line();
		out.line("Raw wrk outputs, fixed-rate runs (`fixed-rate.tsv`), service logs and the nginx configuration of the last run:"
				+ " `bench/last-run/`.");
		return out.toString();
	}

	private void header() {
		Machine machine = facts.machine;
		out.line("# Benchmark results");
		out.line();
		if (facts.quick) {
			out.line("> **Smoke run (`bench/run --quick`)**: runs too short, one round, the extra gateways started together");
			out.line("> with the platform. These figures only show that the harness works; use a full run for numbers.");
			out.line();
		}
		out.line("Produced by `bench/run" + (facts.quick ? " --quick" : "") + "` on " + facts.date + " in " + facts.runSeconds
				+ " s, kit commit " + machine.kitCommit() + ".");
		out.line();
		out.line("| Setting | Value |");
		out.line("|---|---|");
		machine.settingRows().forEach(out::line);
		out.line("| JVM options (every service, from its command line) | `" + facts.jvmOptions + "`"
				+ (facts.jvmOptionNotes.isEmpty() ? "" : " (differs: " + facts.jvmOptionNotes + ")") + " |");
		out.line("| JIT | " + facts.jit + " |");
		out.line("| Load generator | wrk " + facts.wrkVersion + ": `wrk -t" + facts.threads + " -c" + facts.connections + " -d"
				+ facts.durationSeconds + "s --latency <url>`, on the same machine; at fixed rates the harness's own"
				+ " (below) |");
		out.line("| Rounds | " + facts.rounds + " per comparison; the targets of a comparison alternate, their order rotating "
				+ "each round; medians shown, every round in the last column |");
		out.line("| Warm-up | " + facts.warmUp + " |");
		out.line("| Reference | nginx " + facts.nginxVersion
				+ ", `worker_processes auto`, keep-alive upstream (`keepalive 64`, HTTP/1.1) on loopback |");
		out.line("| Configuration | a copy of `config-repo/` as served by a config server (Sleuth sampler `" + sampler("?")
				+ "` unless stated), Zipkin running |");
		out.line();
		out.line("The machine is shared and wrk runs on the same cores: absolute figures are noisy, the ratios (each taken");
		out.line("within one round, then the median) are the result. CPU per request is user + system time of the proxy's");
		out.line("and the backend's processes during the run (from `/proc`), divided by the requests answered.");
		out.line();
	}

	private void throughput() {
		out.line("## Throughput and latency, one sample-service instance");
		out.line();
		out.line("| Path | req/s | p50 ms | p99 ms | proxy CPU ms/req | backend CPU ms/req | req/s per round |");
		out.line("|---|---:|---:|---:|---:|---:|---|");
		compareRow("direct", "sample-service directly (`GET /`)");
		compareRow("nginx", "nginx → sample-service (`GET /`)");
		compareRow("gateway", "edge gateway → sample-service (`GET /hello`)");
		compareRow("scg", "Spring Cloud Gateway → sample-service (`GET /hello`)");
		out.line();
		out.line("Spring Cloud Gateway (bench/scg-gateway, the Hoxton line's, on Reactor Netty) is set up for the same job as");
		out.line("the edge gateway: the route from Eureka through Spring Cloud LoadBalancer, the same headers dropped, GETs");
		out.line("retried on the next instances, a Resilience4J circuit breaker with a fallback, Sleuth; the gateway's JVM");
		out.line("options, and its configuration from the same config server.");
		out.line();
		out.line("| Comparison | median | per round |");
		out.line("|---|---:|---|");
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
		out.line();
	}

	private void gatewayProfile() {
		if (facts.gatewayProfile.isEmpty()) {
			return;
		}
		out.line("## Where the gateway's CPU goes (Java Flight Recorder)");
		out.line();
		out.line("One more run of " + facts.durationSeconds + " s through the warm gateway, under JFR's `profile` settings (which");
		out.line("cost it some throughput; this run is in no other table), summarised by `bench/jfr-summary`; the recording is");
		out.line("`bench/last-run/gateway.jfr`. The same summary before and after the route path stopped building its");
		out.line("framework objects per request: [`jfr-gateway.md`](jfr-gateway.md).");
		out.line();
		out.line(facts.gatewayProfile.strip());
		out.line();
	}

	private void tracing() {
		out.line("## Cost of tracing (gateway `/hello`, Zipkin running)");
		out.line();
		out.line("Three more gateways with the platform gateway's command line, started and warmed together, one loaded at a");
		out.line("time, each routing to the same instance; the sample service follows the gateway's sampling decision (B3");
		out.line("headers). A Spring profile served from the temporary config repository sets the probability of two of them;");
		out.line("the default one has the configuration as it is. With `rate: 10` at most 10 requests a second are traced,");
		out.line("under 1 % at these rates, so its cost is expected within the noise (identical JVMs differ by a few percent).");
		out.line("CPU per request (every process on the path, from `/proc`) is less disturbed by other work on the machine");
		out.line("than req/s: with the cores saturated, throughput falls roughly as CPU per request rises.");
		out.line();
		out.line("| Sampling | req/s | p99 ms | throughput vs off | gateway CPU ms/req | CPU ms/req, gateway + sample + Zipkin "
				+ "| CPU vs off | spans/s into Zipkin | req/s per round | vs off per round |");
		out.line("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
		tracingRow("sampling-off", "off (`probability: 0.0`)");
		tracingRow("sampling-default", "default (`" + sampler("see config-repo/application.yml") + "`)");
		tracingRow("sampling-all", "everything (`probability: 1.0`)");
		out.line();
	}

	private void coldStart() {
		out.line("## Cold start");
		out.line();
		out.line("`./platform up --instances " + facts.coldInstances + "` starts the message broker, registry, config server and "
				+ "Zipkin, then the rest; every service healthy and");
		out.line("`/hello` routed **" + facts.coldTotal + " s** after it began (the harness polls every 0.25 s; the times below "
				+ "count from");
		out.line("the same moment).");
		out.line((facts.platformUpSays.isEmpty() ? "" : "The launcher itself reported \"" + facts.platformUpSays + "\". ")
				+ "`./platform up` exit status: " + facts.platformUpExit + ".");
		out.line();
		out.line("| Service | healthy after (s) | Spring Boot \"Started in\" (s) | \"JVM running for\" (s) | RSS after start (MB) "
				+ "| class data |");
		out.line("|---|---:|---:|---:|---:|---|");
		for (Map.Entry<String, RunFacts.ColdService> entry : facts.coldStart.entrySet()) {
			RunFacts.ColdService service = entry.getValue();
			String note = entry.getKey().equals("zipkin-service-1") && service.startedIn == null ? " ¹" : "";
			out.line("| " + entry.getKey() + " | " + orNa(service.healthyAfter) + " | " + orNa(service.startedIn) + " | "
					+ orNa(service.jvmRunningFor) + note + " | " + orNa(service.residentMegabytes) + " | "
					+ orNa(service.classData) + " |");
		}
		out.line();
		out.line("¹ Zipkin logs no \"Started\" line: its \"Serving HTTP at\" log time minus the process start time.");
		if (facts.coldStart.values().stream().anyMatch(service -> JvmCommandLine.NOT_A_JVM.equals(service.classData))) {
			out.line("A service that is not a JVM (Prometheus) is healthy when it answers its readiness page; its RSS is its");
			out.line("process's, from `/proc`.");
		}
		out.line();
	}

	private void memory() {
		out.line("## Memory after the load");
		out.line();
		out.line("Resident set size (`VmRSS`) after the comparisons above, and its peak (`VmHWM`).");
		out.line();
		out.line("| Service | RSS (MB) | peak RSS (MB) |");
		out.line("|---|---:|---:|");
		facts.memory.forEach((name, readings) -> out.line("| " + name + " | " + orNa(readings[0]) + " | " + orNa(readings[1]) + " |"));
		out.line("| nginx (master + workers) | " + orNa(facts.nginxResidentMegabytes) + " | |");
		out.line();
	}

	/** The performance goals (issue 19), each with this run's figure. */
	private void goals() {
		out.line("## Goals");
		out.line();
		out.line("| Goal | this run | met |");
		out.line("|---|---:|---|");
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
		out.line();
	}

	private void goalRow(String goal, Optional<Double> value, String format, java.util.function.DoublePredicate met) {
		out.line("| " + goal + " | " + Statistics.format(value, format) + " | "
				+ value.map(v -> met.test(v) ? "yes" : "**no**").orElse("n/a") + " |");
	}

	private void scaling() {
		out.line("## Scaling: gateway with more sample-service instances");
		out.line();
		out.line("The gateway balances round robin over the instances; all share the same cores, so this shows what each");
		out.line("instance costs rather than extra capacity. Total RSS: every platform service (message broker, Zipkin,");
		out.line("config, registry, gateway, instances).");
		out.line();
		out.line("| Instances | gateway req/s | p99 ms | vs 1 instance | total RSS (MB) | sample instances RSS (MB) "
				+ "| new instances in rotation after (s) | req/s per round |");
		out.line("|---:|---:|---:|---:|---:|---:|---:|---|");
		Optional<Double> base = statistics.median("scale-1", "gateway", Metric.REQUESTS_PER_SECOND);
		facts.scaling.forEach((instances, step) -> {
			String phase = "scale-" + instances;
			Optional<Double> rps = statistics.median(phase, "gateway", Metric.REQUESTS_PER_SECOND);
			String versusOne = rps.isPresent() && base.isPresent() && base.get() > 0
					? Console.format("%.2f", rps.get() / base.get())
					: "n/a";
			out.line("| " + instances + " | " + Statistics.format(rps, "%.0f") + " | "
					+ Statistics.format(statistics.median(phase, "gateway", Metric.P99), "%.2f") + " | " + versusOne + " | "
					+ step.totalResidentMegabytes + " | " + step.sampleResidentMegabytes + " | "
					+ (step.routedAfter == null ? "-" : step.routedAfter) + " | "
					+ statistics.rounds(phase, "gateway", Metric.REQUESTS_PER_SECOND, "%.0f") + " |");
		});
		out.line();
		out.line("\"New instances in rotation\": from `./platform up --instances N` to the gateway answering from all N. Each new");
		out.line("instance was warmed before it was measured:");
		facts.scaling.forEach((instances, step) -> {
			if (step.warmUp != null) {
				out.line("- " + instances + " instances: " + step.warmUp);
			}
		});
	}

	private void compareRow(String label, String description) {
		out.line("| " + description + " | " + median("compare", label, Metric.REQUESTS_PER_SECOND, "%.0f") + " | "
				+ median("compare", label, Metric.P50, "%.2f") + " | " + median("compare", label, Metric.P99, "%.2f") + " | "
				+ median("compare", label, Metric.PROXY_CPU, "%.3f") + " | "
				+ median("compare", label, Metric.SAMPLE_CPU, "%.3f") + " | "
				+ statistics.rounds("compare", label, Metric.REQUESTS_PER_SECOND, "%.0f") + " |");
	}

	private void ratioRow(String description, String a, String b, Metric metric, Pairing pairing, String format,
			String unit) {
		Paired paired = statistics.paired("compare", a, b, metric, pairing);
		out.line("| " + description + " | **" + Statistics.format(paired.median(), format) + unit + "** | "
				+ Statistics.join(paired.perRound(), format) + " |");
	}

	private void tracingRow(String label, String description) {
		Paired throughput = statistics.paired("tracing", label, "sampling-off", Metric.REQUESTS_PER_SECOND, Pairing.RATIO);
		Paired cpu = statistics.paired("tracing", label, "sampling-off", Metric.TOTAL_CPU, Pairing.RATIO);
		out.line("| " + description + " | " + median("tracing", label, Metric.REQUESTS_PER_SECOND, "%.0f") + " | "
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

}
