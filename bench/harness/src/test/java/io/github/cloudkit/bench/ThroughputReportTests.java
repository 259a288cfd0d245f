package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The report's tables from a small fixed data set: the rows .ci/bench-smoke and readers look for. */
class ThroughputReportTests {

	@Test
	void everyTableHasItsRowsAndFigures() {
		String report = ThroughputReport.markdown(facts(), new Statistics(measurements()));
		List<String> lines = report.lines().toList();

		assertThat(lines).contains("## Throughput and latency, one sample-service instance",
				"## Cost of tracing (gateway `/hello`, Zipkin running)", "## Cold start", "## Memory after the load",
				"## Scaling: gateway with more sample-service instances", "## Warnings");
		assertThat(lines).contains(
				"| sample-service directly (`GET /`) | 3000 | 1.50 | 9.25 | n/a | 0.500 | 2000, 4000 |",
				"| nginx → sample-service (`GET /`) | 2000 | 1.50 | 9.25 | 0.300 | 0.500 | 2000, 2000 |",
				"| edge gateway → sample-service (`GET /hello`) | 1000 | 1.50 | 9.25 | 0.400 | 0.500 | 1000, 1000 |");
		// Ratios per round: gateway / nginx 0.5 and 0.5; gateway / direct 0.5 and 0.25, median 0.375.
		assertThat(lines).contains("| throughput gateway / nginx | **0.50** | 0.50, 0.50 |",
				"| throughput gateway / direct | **0.38** | 0.50, 0.25 |",
				"| p99 added by the gateway (gateway − direct) | **+0.00 ms** | +0.00, +0.00 |");
		assertThat(lines).contains(
				"| off (`probability: 0.0`) | 1000 | 9.25 | **1.00** | 0.400 | 0.910 | 1.00 | 12 | 1000 | 1.00 |",
				"| default (`rate: 10`) | 900 | 9.25 | **0.90** | 0.400 | 0.910 | 1.00 | 12 | 900 | 0.90 |",
				"| everything (`probability: 1.0`) | 500 | 9.25 | **0.50** | 0.400 | 0.910 | 1.00 | 12 | 500 | 0.50 |");
		assertThat(lines).contains("| zipkin-service-1 | 4.2 | n/a | 3.9 ¹ | 310 | none |",
				"| edge-gateway-1 | 20.5 | 18.1 | 19.9 | 420 | archive |");
		assertThat(lines).contains("| edge-gateway-1 | 450 | 470 |", "| edge-gateway-sampling-all | n/a | n/a |",
				"| nginx (master + workers) | 12 | |");
		assertThat(lines).contains("| 1 | 1000 | 9.25 | 1.00 | 1500 | 200 | - | 1000 |",
				"| 2 | 800 | 9.25 | 0.80 | 1700 | 400 | 31.5 | 800 |", "- 2 instances: 6 s (2 rounds of 3 s per target)");
		assertThat(lines).contains("- tracing sampling-all round 1: 3 non-2xx answers");
		// Spring Cloud Gateway beside the others: gateway / SCG 1.25 and 1.0.
		assertThat(lines).contains(
				"| Spring Cloud Gateway → sample-service (`GET /hello`) | 900 | 1.50 | 9.25 | 0.500 | 0.500 | 800, 1000 |",
				"| throughput gateway / Spring Cloud Gateway | **1.13** | 1.25, 1.00 |");
		// Fixed rate: every path's medians, failures summed over rounds, what each adds over direct with the noise floor.
		assertThat(lines).contains("## Latency at a fixed rate, below saturation",
				"| 50 % | 1000 | edge gateway | 4.25 | 8.50 | 17.00 | 12 of 30000 | 0.050 | 6.00, 11.00 |",
				"| 25 % | 500 | sample-service directly | 0.50 | 1.00 | 2.00 | 0 of 7500 | 0.050 | 1.00 |",
				"| edge gateway | 50 % | +3.00 | **+6.00** | +12.00 | +4.00, +8.00 | 1.00 |",
				"| Spring Cloud Gateway | 50 % | +0.75 | **+1.50** | +3.00 | +1.00, +2.00 | 1.00 |");
		assertThat(lines).noneMatch(line -> line.startsWith("| Spring Cloud Gateway | 25 %"));
		// The two gateways side by side, only where both ran; the gateway fell behind in one round at 50 %.
		assertThat(lines).contains("| 50 % | 1000 | +6.00 | +1.50 | **+4.50** | +3.00, +6.00 | not edge gateway |");
		assertThat(lines).noneMatch(line -> line.startsWith("| 25 % | 500 | +"));
		assertThat(lines).contains("| throughput gateway / nginx at saturation ≥ 0.60 | 0.50 | **no** |",
				"| throughput gateway / Spring Cloud Gateway at saturation ≥ 1.0 | 1.13 | yes |",
				"| p99 added by the gateway at 50 % load ≤ 5 ms | +6.00 ms | **no** |",
				"| p99.9 added by the gateway at 50 % load ≤ 20 ms | +12.00 ms | yes |",
				"| gateway RSS after the load ≤ 256 MB | 450 MB | **no** |");
		// What .ci/bench-smoke greps: each measured row starts with a whole req/s figure.
		assertThat(lines.stream().filter(line -> line.matches("^\\| [^|]+ \\| [0-9]+ \\|.*")).count()).isGreaterThanOrEqualTo(8);
		assertThat(report).startsWith("# Benchmark results\n\n> **Smoke run (`bench/run --quick`)**");
	}

	private static RunFacts facts() {
		RunFacts facts = new RunFacts();
		facts.quick = true;
		facts.date = "2026-12-01 18:00 UTC";
		facts.runSeconds = 170;
		facts.machine = new Machine("2", "Test CPU", "8", "0.50 0.40 0.30", "openjdk 17", "abc1234");
		facts.jvmOptions = "-Xss512k";
		facts.defaultSampler = "rate: 10";
		facts.coldInstances = 1;
		facts.coldTotal = "25.0";
		facts.platformUpExit = "0";
		RunFacts.ColdService zipkin = new RunFacts.ColdService();
		zipkin.healthyAfter = "4.2";
		zipkin.jvmRunningFor = "3.9";
		zipkin.residentMegabytes = "310";
		zipkin.classData = "none";
		facts.coldStart.put("zipkin-service-1", zipkin);
		RunFacts.ColdService gateway = new RunFacts.ColdService();
		gateway.healthyAfter = "20.5";
		gateway.startedIn = "18.1";
		gateway.jvmRunningFor = "19.9";
		gateway.residentMegabytes = "420";
		gateway.classData = "archive";
		facts.coldStart.put("edge-gateway-1", gateway);
		facts.memory.put("edge-gateway-1", new Long[] { 450L, 470L });
		facts.memory.put("edge-gateway-sampling-all", new Long[] { null, null });
		facts.nginxResidentMegabytes = 12L;
		RunFacts.ScaleStep one = new RunFacts.ScaleStep();
		one.totalResidentMegabytes = 1500;
		one.sampleResidentMegabytes = 200;
		facts.scaling.put(1, one);
		RunFacts.ScaleStep two = new RunFacts.ScaleStep();
		two.totalResidentMegabytes = 1700;
		two.sampleResidentMegabytes = 400;
		two.routedAfter = "31.5";
		two.warmUp = "6 s (2 rounds of 3 s per target)";
		facts.scaling.put(2, two);
		facts.warnings.add("tracing sampling-all round 1: 3 non-2xx answers");
		facts.nginxSaturated = 2000;
		facts.fixedRateSeconds = 15;
		// At 50 %: direct p99 2 and 3 ms (spread 1); the gateway adds 4 and 8 ms (median 6), SCG 1 and 2 (1.5).
		facts.fixedRate.addAll(List.of(fixed(25, "direct", 1, 1.0, 0), fixed(25, "gateway", 1, 2.0, 0),
				fixed(50, "direct", 1, 2.0, 0), fixed(50, "gateway", 1, 6.0, 0), fixed(50, "scg", 1, 3.0, 0),
				fixed(50, "direct", 2, 3.0, 0), fixed(50, "gateway", 2, 11.0, 12), fixed(50, "scg", 2, 5.0, 0)));
		return facts;
	}

	/** A fixed-rate run whose p50 is half its p99 and whose p99.9 is twice it. */
	private static FixedRateRun fixed(int share, String label, int round, double p99, int failed) {
		return new FixedRateRun(share, share * 20, label, round, 15 * share * 20, failed, p99 / 2, p99, p99 * 2, 0.05);
	}

	private static List<Measurement> measurements() {
		List<Measurement> runs = new ArrayList<>();
		runs.add(StatisticsTests.run("compare", "direct", 1, 2000, null));
		runs.add(StatisticsTests.run("compare", "nginx", 1, 2000, 0.3));
		runs.add(StatisticsTests.run("compare", "gateway", 1, 1000, 0.4));
		runs.add(StatisticsTests.run("compare", "direct", 2, 4000, null));
		runs.add(StatisticsTests.run("compare", "nginx", 2, 2000, 0.3));
		runs.add(StatisticsTests.run("compare", "gateway", 2, 1000, 0.4));
		runs.add(StatisticsTests.run("compare", "scg", 1, 800, 0.5));
		runs.add(StatisticsTests.run("compare", "scg", 2, 1000, 0.5));
		runs.add(StatisticsTests.run("tracing", "sampling-off", 1, 1000, 0.4));
		runs.add(StatisticsTests.run("tracing", "sampling-default", 1, 900, 0.4));
		runs.add(StatisticsTests.run("tracing", "sampling-all", 1, 500, 0.4));
		runs.add(StatisticsTests.run("scale-1", "gateway", 1, 1000, 0.4));
		runs.add(StatisticsTests.run("scale-2", "gateway", 1, 800, 0.4));
		return runs;
	}

}
