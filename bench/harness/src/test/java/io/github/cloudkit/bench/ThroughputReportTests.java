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
		return facts;
	}

	private static List<Measurement> measurements() {
		List<Measurement> runs = new ArrayList<>();
		runs.add(StatisticsTests.run("compare", "direct", 1, 2000, null));
		runs.add(StatisticsTests.run("compare", "nginx", 1, 2000, 0.3));
		runs.add(StatisticsTests.run("compare", "gateway", 1, 1000, 0.4));
		runs.add(StatisticsTests.run("compare", "direct", 2, 4000, null));
		runs.add(StatisticsTests.run("compare", "nginx", 2, 2000, 0.3));
		runs.add(StatisticsTests.run("compare", "gateway", 2, 1000, 0.4));
		runs.add(StatisticsTests.run("tracing", "sampling-off", 1, 1000, 0.4));
		runs.add(StatisticsTests.run("tracing", "sampling-default", 1, 900, 0.4));
		runs.add(StatisticsTests.run("tracing", "sampling-all", 1, 500, 0.4));
		runs.add(StatisticsTests.run("scale-1", "gateway", 1, 1000, 0.4));
		runs.add(StatisticsTests.run("scale-2", "gateway", 1, 800, 0.4));
		return runs;
	}

}
