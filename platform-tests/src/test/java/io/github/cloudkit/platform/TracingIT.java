package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cloudkit.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One client call through the gateway is one trace in the real Zipkin server; metrics are scrapeable. Each test
 * starts from Zipkin running, one sample instance routed and the kit's configuration.
 */
class TracingIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static Platform platform;
	private static ServiceProcess zipkin;
	private static ServiceProcess gateway;
	private ServiceProcess sample;

	@BeforeAll
	static void startPlatform() {
		platform = new Platform();
		zipkin = platform.startZipkin();
		platform.startConfigServer();
		platform.startDiscovery();
		zipkin.awaitHealthy(Platform.START_TIMEOUT);
		platform.configServer().awaitHealthy(Platform.START_TIMEOUT);
		gateway = platform.startGateway();
		platform.discovery().awaitHealthy(Platform.START_TIMEOUT);
		gateway.awaitHealthy(Platform.START_TIMEOUT);
	}

	@BeforeEach
	void zipkinRunningOneInstanceRoutedAndTheKitsConfiguration() {
		if (!zipkin.isAlive()) {
			zipkin = platform.startZipkin().awaitHealthy(Platform.START_TIMEOUT);
		}
		platform.restoreConfiguration(gateway);
		sample = platform.sampleFleet(1).get(0);
		platform.awaitRouting("/hello", Duration.ofSeconds(45));
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void oneCallThroughTheGatewayIsOneTraceWithLinkedSpansFromBothServices() {
		Http.Response response = tracedGet("/hello");
		assertThat(response.status()).isEqualTo(200);
		String traceId = response.header("X-Trace-Id");
		assertThat(traceId).as("X-Trace-Id header").matches("[0-9a-f]{16}|[0-9a-f]{32}");

		// A service's spans reach Zipkin in more than one batch, so the check waits for the linked pair itself.
		JsonNode spans = awaitTrace(traceId, TracingIT::sampleSpanIsAChildOfAGatewaySpan,
				"the sample-service server span's parent among the edge-gateway's spans");
		assertThat(list(spans)).allSatisfy(span -> assertThat(span.path("traceId").asText()).endsWith(traceId));
	}

	@Test
	void aCallThatFallsBackIsTracedAsAnError() {
		// A route added by a commit and a refresh, to a service that has no instance.
		platform.config().commitProperty("edge-gateway.yml", "zuul.routes.absent.path", "/absent/**");
		platform.config().commitProperty("edge-gateway.yml", "zuul.routes.absent.serviceId", "absent-service");
		platform.refresh(gateway);

		Http.Response response = Poll.until(Duration.ofSeconds(20), () -> tracedGet("/absent/x"),
				answer -> answer.status() == 503, "the new route answers the fallback");
		assertThat(response.body()).contains("\"route\"");
		String traceId = response.header("X-Trace-Id");
		assertThat(traceId).isNotBlank();
		awaitTrace(traceId, trace -> list(trace).stream()
				.anyMatch(span -> service(span).equals("edge-gateway") && span.path("tags").has("error")),
				"an edge-gateway span tagged as an error");
	}

	@Test
	void prometheusEndpointsCarryRequestTimingsWithTheApplicationTagAndHystrixMetrics() {
		Http.require(platform.gatewayUrl("/hello"));
		String gatewayMetrics = Http.get(gateway.url("/actuator/prometheus"), platform.managementUser).orElseThrow().body();
		assertThat(gatewayMetrics)
				.contains("http_server_requests_seconds_count{application=\"edge-gateway\"")
				.contains("http_server_requests_seconds_bucket{")
				.containsPattern("hystrix_\\w+\\{[^}]*key=\"sample-service\"");
		assertThat(Http.get(sample.url("/actuator/prometheus"), platform.managementUser).orElseThrow().body())
				.contains("http_server_requests_seconds_count{application=\"sample-service\"");
	}

	@Test
	void withZipkinDownRequestsStillSucceedAndTheFailureIsLoggedWithoutFlooding() {
		int linesBefore = logLines(gateway).size();
		zipkin.stop();
		for (int i = 0; i < 60; i++) {
			assertThat(Http.require(platform.gatewayUrl("/hello")).status()).isEqualTo(200);
		}
		// The reporter flushes every second: the first failure is logged within seconds, and then not once per span.
		Poll.until(Duration.ofSeconds(30), () -> droppedSpanLines(linesBefore), count -> count > 0, "a log line about dropped spans");
		Kit.pause(Duration.ofSeconds(3));
		long reportingFailures = droppedSpanLines(linesBefore);
		System.out.println("TracingIT (observed): gateway log lines about dropped spans after 60 requests with Zipkin down: "
				+ reportingFailures);
		assertThat(reportingFailures).as("the reporting failure is logged once, not per span").isLessThanOrEqualTo(5);
	}

	private static long droppedSpanLines(int linesBefore) {
		List<String> lines = logLines(gateway);
		return lines.subList(linesBefore, lines.size()).stream().filter(line -> line.contains("Dropped") || line.contains("dropped")).count();
	}

	/**
	 * A call through the gateway whose client asks for a trace (B3): the default sampler (rate: 10) shares its
	 * budget with whatever else starts a trace at that moment (the setup's calls, scheduled tasks), so it may
	 * pass over a given request.
	 */
	private static Http.Response tracedGet(String path) {
		return Http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl(path))).header("X-B3-Sampled", "1").GET())
				.orElseThrow(() -> new AssertionError("no answer from the gateway for " + path));
	}

	private static JsonNode awaitTrace(String traceId, java.util.function.Predicate<JsonNode> complete, String awaited) {
		return Poll.until(Duration.ofSeconds(20), () -> Http.get(platform.zipkinUrl("/api/v2/trace/" + traceId))
				.filter(response -> response.status() == 200).map(response -> parse(response.body()))
				.orElse(JSON.createArrayNode()), complete, "trace " + traceId + " in Zipkin with " + awaited);
	}

	private static boolean sampleSpanIsAChildOfAGatewaySpan(JsonNode trace) {
		Set<String> gatewaySpanIds = list(trace).stream().filter(span -> service(span).equals("edge-gateway"))
				.map(span -> span.path("id").asText()).collect(Collectors.toSet());
		return list(trace).stream().anyMatch(span -> service(span).equals("sample-service")
				&& "SERVER".equals(span.path("kind").asText()) && gatewaySpanIds.contains(span.path("parentId").asText()));
	}

	private static String service(JsonNode span) {
		return span.path("localEndpoint").path("serviceName").asText();
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> nodes = new ArrayList<>();
		array.forEach(nodes::add);
		return nodes;
	}

	private static JsonNode parse(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> logLines(ServiceProcess process) {
		try {
			return Files.readAllLines(Kit.logDirectory().resolve(process.name() + ".log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
