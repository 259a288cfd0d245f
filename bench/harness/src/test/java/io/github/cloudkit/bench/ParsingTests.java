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
				"-jar", "g.jar"), "edge-gateway-sampling-off")).containsExactly("java", "-Dkit.instance=edge-gateway-sampling-off",
						"-jar", "g.jar");
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
