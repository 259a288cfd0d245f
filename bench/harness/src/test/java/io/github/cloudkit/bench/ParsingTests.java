package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What the harness reads from services: Zipkin's metrics, start-up logs, command lines, sampler settings. */
class ParsingTests {

	@Test
	void zipkinSpansReceivedOverHttp() {
		String prometheus = """
				# HELP zipkin_collector_spans_total Spans received
				# TYPE zipkin_collector_spans_total counter
				zipkin_collector_spans_total{transport="grpc",} 0.0
				zipkin_collector_spans_total{transport="http",} 12345.0
				zipkin_collector_messages_total{transport="http",} 99.0
				""";
		assertThat(Zipkin.spansFromPrometheus(prometheus)).contains(12345L);
		assertThat(Zipkin.spansFromPrometheus("zipkin_collector_spans_total{transport=\"http\"} 1.2E4\n")).contains(12000L);
		assertThat(Zipkin.spansFromPrometheus("jvm_threads_live 40.0\n")).isEmpty();
	}

	@Test
	void aCounterSummedOverTheSeriesWithOneLabelValue() {
		String prometheus = """
				# HELP kit_config_refreshes_total Configuration refreshes, applied or rejected
				# TYPE kit_config_refreshes_total counter
				kit_config_refreshes_total{application="sample-service",instance="a",outcome="applied",} 3.0
				kit_config_refreshes_total{application="sample-service",instance="a",outcome="rejected",} 1.0
				kit_config_refreshes_total{application="sample-service",instance="b",outcome="applied"} 2.0
				kit_config_refreshes_total_created{outcome="applied",} 1.7E9
				kit_config_refreshes_total{application="x",notoutcome="applied",} 100.0
				""";
		assertThat(PrometheusText.sum(prometheus, "kit_config_refreshes_total", "outcome", "applied")).contains(5.0);
		assertThat(PrometheusText.sum(prometheus, "kit_config_refreshes_total", "outcome", "rejected")).contains(1.0);
		assertThat(PrometheusText.sum(prometheus, "kit_config_refreshes_total", "outcome", "unpublished")).isEmpty();
		assertThat(PrometheusText.sum("jvm_threads_live 40.0\n", "kit_config_refreshes_total", "outcome", "applied")).isEmpty();
	}

	@Test
	void theMessageLineOfAConfigFileReadAndChangedTheRestKept() {
		String yaml = """
				# Answered by GET / on every sample-service instance.
				message: Hello from the Spring Cloud platform kit!
				# message: not this one
				other:
				  message: nor this
				""";
		assertThat(BusMode.messageOf(yaml)).contains("Hello from the Spring Cloud platform kit!");
		String changed = BusMode.withMessage(yaml, "Bus commit 2 of 10 from bench/run, run 1a2b");
		assertThat(changed).isEqualTo(yaml.replace("Hello from the Spring Cloud platform kit!",
				"Bus commit 2 of 10 from bench/run, run 1a2b"));
		assertThat(BusMode.messageOf(changed)).contains("Bus commit 2 of 10 from bench/run, run 1a2b");
		assertThat(BusMode.messageOf("other: 1\n")).isEmpty();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> BusMode.withMessage(yaml, "a: b"))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theColdStartTableOfAResultsFileReadBack() {
		String results = """
				# Benchmark results

				> **Smoke run (`bench/run --quick`)**: runs too short, one round, the extra gateways started together

				Produced by `bench/run --quick` on 2026-12-01 18:00 UTC in 170 s, kit commit fd6d13c.

				## Cold start

				`./platform up --instances 1` starts the registry, config server and Zipkin, then the rest; every service healthy and
				`/hello` routed **25.0 s** after it began (the harness polls every 0.25 s; the times below count from
				the same moment).

				| Service | healthy after (s) | Spring Boot "Started in" (s) | "JVM running for" (s) | RSS after start (MB) | class data |
				|---|---:|---:|---:|---:|---|
				| zipkin-service-1 | 4.2 | n/a | 3.9 ¹ | 310 | none |
				| edge-gateway-1 | 20.5 | 18.1 | 19.9 | 420 | archive |

				¹ Zipkin logs no "Started" line.

				## Memory after the load

				| Service | RSS (MB) | peak RSS (MB) |
				|---|---:|---:|
				| edge-gateway-1 | 450 | 470 |
				""";
		ColdStartTable table = ColdStartTable.parse("before.md", results);
		assertThat(table.kitCommit()).isEqualTo("fd6d13c");
		assertThat(table.quick()).isTrue();
		assertThat(table.instances()).isEqualTo(1);
		assertThat(table.total()).isEqualTo(25.0);
		assertThat(table.rows()).containsOnlyKeys("zipkin-service-1", "edge-gateway-1");
		assertThat(table.rows().get("zipkin-service-1"))
				.isEqualTo(new ColdStartTable.Row(4.2, null, 3.9, 310.0, "none"));
		assertThat(table.rows().get("edge-gateway-1")).isEqualTo(new ColdStartTable.Row(20.5, 18.1, 19.9, 420.0, "archive"));
		assertThat(table.totalResidentMegabytes()).isEqualTo(730.0);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> ColdStartTable.parse("x.md", "# Registry scale\n"))
				.isInstanceOf(BenchFailure.class).hasMessageContaining("no \"## Cold start\" section");
	}

	@Test
	void springBootStartedLineAndZipkinsServingLine() {
		String log = "2026-12-01 INFO Started EdgeGatewayApplication in 21.342 seconds (JVM running for 24.1)\n";
		StartupLog.Started started = StartupLog.started(log).orElseThrow();
		assertThat(started.startedIn()).isEqualTo("21.342");
		assertThat(started.jvmRunningFor()).isEqualTo("24.1");
		String zipkin = "2026-12-01T16:08:43.537Z  INFO [/] 4981 --- [127.0.0.1:27574] c.l.a.s.Server : Serving HTTP at /127.0.0.1:27574\n";
		assertThat(StartupLog.started(zipkin)).isEmpty();
		assertThat(StartupLog.servingHttpAt(zipkin)).contains(Instant.parse("2026-12-01T16:08:43.537Z"));
	}

	@Test
	void jvmOptionsJitAndClassDataFromTheCommandLine() {
		List<String> commandLine = List.of("/usr/lib/jvm/java-17/bin/java", "-Xss512k", "-XX:TieredStopAtLevel=1",
				"-XX:SharedArchiveFile=/tmp/a.jsa", "-XX:TieredStopAtLevel=4", "-Dkit.instance=edge-gateway-1", "-jar",
				"edge-gateway.jar");
		String options = JvmCommandLine.options(commandLine);
		assertThat(options).isEqualTo("-Xss512k -XX:TieredStopAtLevel=1 -XX:TieredStopAtLevel=4");
		assertThat(JvmCommandLine.jit(options)).isEqualTo("C1 and C2 (tiered)");
		assertThat(JvmCommandLine.jit("-Xss512k -XX:TieredStopAtLevel=1")).isEqualTo("C1 only (-XX:TieredStopAtLevel=1)");
		assertThat(JvmCommandLine.classData(commandLine)).isEqualTo("archive");
		assertThat(JvmCommandLine.classData(List.of("java", "-XX:DumpLoadedClassList=/tmp/x.classlist"))).isEqualTo("recording");
		assertThat(ExtraGateway.cloneCommandLine(List.of("java", "-XX:DumpLoadedClassList=/tmp/x", "-Dkit.instance=edge-gateway-1",
				"-Dlogging.file.name=/s/edge-gateway-1.log", "-Dlogging.pattern.console=", "-jar", "g.jar"), "edge-gateway-sampling-off"))
						.containsExactly("java", "-Dkit.instance=edge-gateway-sampling-off", "-jar", "g.jar");
	}

	@Test
	void samplerSettingsNestedOrFlatTheLaterFileWinningAndProbabilityFirst() {
		String application = """
				spring:
				  sleuth:
				    sampler:
				      rate: 10 # at most ten a second
				    web:
				      rate: 99
				""";
		assertThat(SamplerSettings.parse(List.of(application))).contains("rate: 10");
		assertThat(SamplerSettings.parse(List.of(application, "spring.sleuth.sampler.rate: 5\n"))).contains("rate: 5");
		assertThat(SamplerSettings.parse(List.of("spring.sleuth.sampler.probability: 0.5\n", application)))
				.contains("probability: 0.5");
		assertThat(SamplerSettings.parse(List.of("server:\n  port: 1\n"))).isEmpty();
	}

}
