package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.LoadGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What anonymous callers can and cannot do on a running platform, encrypted properties end to end, and
 * hostile requests written byte for byte to the gateway's socket, one test case each. Each test starts from
 * one sample instance routed and the kit's configuration.
 */
class SecurityIT {

	private static Platform platform;
	private static ServiceProcess gateway;
	private ServiceProcess sample;

	@BeforeAll
	static void startPlatform() {
		platform = new Platform();
		platform.startConfigServer();
		platform.startDiscovery();
		gateway = platform.startGateway();
		for (ServiceProcess process : List.of(platform.configServer(), platform.discovery(), gateway)) {
			process.awaitHealthy(Platform.START_TIMEOUT);
		}
	}

	@BeforeEach
	void oneInstanceRoutedAndTheKitsConfiguration() {
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
	void theConfigServerServesNothingToAnonymousCallers() {
		String url = platform.configServer().url("/sample-service/default");
		assertThat(Http.require(url).status()).isEqualTo(401);
		assertThat(Http.get(url, new Http.Credentials("config", "wrong")).orElseThrow().status()).isEqualTo(401);
		assertThat(Http.get(url, platform.configServerUser).orElseThrow().body()).contains("propertySources");
		assertThat(Http.post(platform.configServer().url("/encrypt")).orElseThrow().status()).isEqualTo(401);
		assertThat(Http.require(platform.configServer().url("/actuator/health")).status()).isEqualTo(200);
	}

	@Test
	void theRegistryRefusesAnonymousReadsAndRegistrations() {
		String apps = platform.discovery().url("/eureka/apps/SAMPLE-SERVICE");
		assertThat(Http.getJson(apps, new Http.Credentials("eureka", "wrong")).orElseThrow().status()).isEqualTo(401);
		assertThat(Http.require(apps).status()).isEqualTo(401);
		assertThat(Http.require(platform.discovery().url("/")).status()).as("dashboard").isEqualTo(401);

		String fake = "{\"instance\":{\"instanceId\":\"fake:1\",\"hostName\":\"evil.example\",\"app\":\"SAMPLE-SERVICE\","
				+ "\"ipAddr\":\"10.6.6.6\",\"status\":\"UP\",\"port\":{\"$\":80,\"@enabled\":\"true\"},\"dataCenterInfo\":"
				+ "{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}";
		Http.Response registration = Http.send(HttpRequest.newBuilder(URI.create(apps))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(fake))).orElseThrow();
		assertThat(registration.status()).isEqualTo(401);
		assertThat(platform.registeredInstances("SAMPLE-SERVICE")).isNotEmpty().doesNotContain("fake:1");
	}

	@Test
	void onlyHealthAndInfoActuatorsAreAnonymous() {
		for (ServiceProcess service : List.of(sample, gateway, platform.discovery(), platform.configServer())) {
			Http.Response health = Http.require(service.url("/actuator/health"));
			assertThat(health.status()).as(service + " health").isEqualTo(200);
			assertThat(health.body()).as(service + " health without details").contains("\"UP\"").doesNotContain("components");
			assertThat(Http.require(service.url("/actuator/info")).status()).as(service + " info").isEqualTo(200);
			assertThat(Http.require(service.url("/actuator/prometheus")).status()).as(service + " prometheus").isEqualTo(401);
		}
		for (ServiceProcess service : List.of(sample, gateway)) {
			assertThat(Http.post(service.url("/actuator/refresh")).orElseThrow().status()).as(service + " refresh").isEqualTo(401);
			// env is not even exposed; either way it must not answer.
			assertThat(Http.require(service.url("/actuator/env")).status()).as(service + " env").isIn(401, 404);
			assertThat(Http.get(service.url("/actuator/prometheus"), platform.managementUser).orElseThrow().status())
					.as(service + " prometheus for the management user").isEqualTo(200);
		}
	}

	@Test
	void aCipherValueReachesTheServiceDecryptedWhileTheRepositoryHoldsOnlyCiphertext() {
		String plaintext = "decrypted by the config server " + System.nanoTime();
		Http.Response encrypted = Http.send(HttpRequest.newBuilder(URI.create(platform.configServer().url("/encrypt")))
				.header("Authorization", platform.configServerUser.header()).header("Content-Type", "text/plain")
				.POST(HttpRequest.BodyPublishers.ofString(plaintext))).orElseThrow();
		assertThat(encrypted.status()).isEqualTo(200);

		platform.config().commitProperty("sample-service.yml", "encrypted-message", "{cipher}" + encrypted.body());
		assertThat(platform.config().content("sample-service.yml")).contains("{cipher}").doesNotContain(plaintext);
		assertThat(platform.refresh(sample)).contains("encrypted-message");

		assertThat(Http.require(sample.url("/encrypted")).body()).isEqualTo(plaintext);
	}

	static List<HostileRequest> hostileRequests() {
		return HostileRequest.suite();
	}

	/** A client error or the legitimate answer, nothing leaked, and the gateway still routes afterwards. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileRequests")
	void aHostileRequestToTheGatewayGetsAClientErrorOrTheLegitimateAnswer(HostileRequest request) {
		String answer = send(request.bytes.get());
		assertThat(verdict(answer)).as(request.name + " answered " + statusLine(answer)).startsWith("ok");
		assertThat(Http.require(platform.gatewayUrl("/hello")).status()).as("still routing afterwards").isEqualTo(200);
	}

	/**
	 * Wrong passwords at the registry, the config server and an actuator at once: each answers a short JSON 401,
	 * and the right credentials and the gateway's route keep working all the while.
	 */
	@Test
	void floodsOfWrongPasswordsCostTheRealClientsNothing() {
		Http.Credentials wrongRegistry = new Http.Credentials(platform.eurekaUser.user(), Kit.wrongPassword());
		Http.Credentials wrongConfig = new Http.Credentials(platform.configServerUser.user(), Kit.wrongPassword());
		Http.Credentials wrongManagement = new Http.Credentials(platform.managementUser.user(), Kit.wrongPassword());
		String registry = platform.discovery().url("/eureka/apps");
		String config = platform.configServer().url("/sample-service/default");
		String actuator = sample.url("/actuator/prometheus");

		Http.Response refused = Http.get(registry, wrongRegistry).orElseThrow();
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("Content-Type")).startsWith("application/json");
		assertThat(refused.body()).contains("\"status\":401").doesNotContain("Exception", "<html", "\"applications\"");

		Duration duration = Duration.ofSeconds(20);
		List<String> realClientFailures = new ArrayList<>();
		List<LoadGenerator.Summary> floods = new ArrayList<>();
		long cpuBefore = platform.discovery().cpuMillis() + platform.configServer().cpuMillis() + sample.cpuMillis();
		try (LoadGenerator onRegistry = LoadGenerator.start(registry, 200, duration, wrongRegistry);
				LoadGenerator onConfig = LoadGenerator.start(config, 200, duration, wrongConfig);
				LoadGenerator onActuator = LoadGenerator.start(actuator, 200, duration, wrongManagement)) {
			for (int second = 0; second < duration.toSeconds(); second++) {
				Kit.pause(Duration.ofSeconds(1));
				expectOk("registry", Http.getJson(registry, platform.eurekaUser), realClientFailures);
				expectOk("config server", Http.get(config, platform.configServerUser), realClientFailures);
				expectOk("actuator", Http.get(actuator, platform.managementUser), realClientFailures);
				expectOk("gateway route", Http.get(platform.gatewayUrl("/hello")), realClientFailures);
			}
			floods.add(onRegistry.await());
			floods.add(onConfig.await());
			floods.add(onActuator.await());
		}
		long cpuMillis = platform.discovery().cpuMillis() + platform.configServer().cpuMillis() + sample.cpuMillis() - cpuBefore;
		System.out.printf("%nSecurityIT (observed): wrong-password floods (3 x 200/s for %d s): %s; the three services used %.1f %% of a core "
				+ "together meanwhile%n", duration.toSeconds(), floods, 100.0 * cpuMillis / duration.toMillis());
		for (LoadGenerator.Summary flood : floods) {
			assertThat(flood.statuses()).as("every wrong-password request refused: " + flood).containsOnlyKeys(401);
		}
		assertThat(realClientFailures).as("requests with the right credentials during the floods").isEmpty();
	}

	private static void expectOk(String what, java.util.Optional<Http.Response> answer, List<String> failures) {
		int status = answer.map(Http.Response::status).orElse(0);
		if (status != 200) {
			failures.add(what + ": " + (status == 0 ? "no answer" : status));
		}
	}

	private static String verdict(String answer) {
		String status = statusLine(answer);
		if (status.equals("no answer")) {
			return "FAIL: no answer";
		}
		for (String leak : List.of("\tat ", "Exception", "java.", "propertySources", "\"_links\"", "<applications",
				"\"applications\"", "activeProfiles", "Whitelabel", "<html", "<HTML")) {
			if (answer.contains(leak)) {
				return "FAIL: answer contains " + leak.strip();
			}
		}
		int code = Integer.parseInt(status.split(" ")[1]);
		if (code >= 400 && code < 500) {
			return "ok (client error)";
		}
		String body = body(answer);
		if (code == 200 && (body.equals(platform.config().property("sample-service.yml", "message"))
				|| body.startsWith("sample-service:"))) {
			return "ok (the legitimate answer)";
		}
		return "FAIL: status " + code;
	}

	/** The body of a raw answer, de-chunked when it came in chunks. */
	private static String body(String answer) {
		int split = answer.indexOf("\r\n\r\n");
		String head = answer.substring(0, split).toLowerCase();
		String body = answer.substring(split + 4);
		if (!head.contains("transfer-encoding: chunked")) {
			return body;
		}
		StringBuilder decoded = new StringBuilder();
		int at = 0;
		while (at < body.length()) {
			int lineEnd = body.indexOf("\r\n", at);
			if (lineEnd < 0) {
				break;
			}
			int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			decoded.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
			at = lineEnd + 2 + size + 2;
		}
		return decoded.toString();
	}

	private static String statusLine(String answer) {
		if (!answer.startsWith("HTTP/")) {
			return "no answer";
		}
		int end = answer.indexOf("\r\n");
		String line = end < 0 ? answer : answer.substring(0, end);
		String[] parts = line.split(" ", 3);
		return parts.length >= 2 ? parts[0] + " " + parts[1] : line;
	}

	private static String send(byte[] request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), platform.gatewayPort)) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
				socket.shutdownOutput();
			}
			catch (IOException closedEarly) {
				// The gateway may answer and close before reading a huge request: read what it said.
			}
			return readAnswer(socket.getInputStream());
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static String readAnswer(InputStream in) throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while (answer.size() < 65536 && (read = in.read(buffer)) >= 0) {
				answer.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException | java.net.SocketException ex) {
			// keep what arrived
		}
		return answer.toString(StandardCharsets.ISO_8859_1);
	}

	/** One hostile request: a readable name and its exact bytes. */
	static final class HostileRequest {

		final String name;
		final Supplier<byte[]> bytes;

		private HostileRequest(String name, Supplier<byte[]> bytes) {
			this.name = name;
			this.bytes = bytes;
		}

		@Override
		public String toString() {
			return name;
		}

		static HostileRequest get(String target, String... headers) {
			return raw("GET " + target, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + String.join("", headers)
					+ "Connection: close\r\n\r\n");
		}

		static HostileRequest raw(String name, String request) {
			return new HostileRequest(name, () -> request.getBytes(StandardCharsets.ISO_8859_1));
		}

		static List<HostileRequest> suite() {
			List<HostileRequest> suite = new ArrayList<>();
			// Path traversal toward a backend's actuator or the registry, plain and encoded.
			for (String target : List.of("/hello/../actuator/env", "/hello/..%2factuator/env", "/hello/%2e%2e/actuator/env",
					"/hello/%2E%2E/%2E%2E/actuator/env", "/hello/.%2e/actuator/env", "/hello/%252e%252e/actuator/env",
					"/hello/%252e%252e%252factuator%252fenv", "/hello/..\\actuator\\env", "/hello/%5c..%5cactuator%5cenv",
					"/hello/..;/actuator/env", "/hello;/../actuator/env", "//hello/actuator/env", "/hello//actuator/env",
					"/hello/./actuator/env", "/hello/%2factuator%2fenv", "/hello/actuator;x=1/env", "/hello/actuator%2fenv",
					"/hello/%61ctuator/env", "/hello/ACTUATOR/env", "/hello/..%c0%af../actuator/env",
					"/hello/actuator/heapdump", "/hello/eureka/apps", "/hello/../eureka/apps", "/eureka/apps",
					"/hello/%2e%2e/%2e%2e/eureka/apps")) {
				suite.add(get(target));
			}
			// The gateway's own write and sensitive actuators, anonymously.
			suite.add(get("/actuator/env"));
			suite.add(get("/actuator/heapdump"));
			suite.add(raw("POST /actuator/refresh", "POST /actuator/refresh HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
			suite.add(raw("POST /actuator/shutdown", "POST /actuator/shutdown HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
			// Invalid percent-encoding.
			for (String target : List.of("/hello/%zz", "/hello/%", "/hello/%e", "/hello/%00", "/hello/%ff%fe")) {
				suite.add(get(target));
			}
			// Overlong URL and headers, thousands of headers.
			suite.add(raw("GET /hello/<10,000 characters>", "GET /hello/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello/<100,000 characters>", "GET /hello/" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, one 20,000-character header", "GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Long: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, 5,000 headers", "GET /hello HTTP/1.1\r\nHost: localhost\r\n" + "X-Many: a\r\n".repeat(5_000) + "Connection: close\r\n\r\n"));
			suite.add(raw("GET /hello, a 16,000-character cookie", "GET /hello HTTP/1.1\r\nHost: localhost\r\nCookie: c=" + "a".repeat(16_000) + "\r\nConnection: close\r\n\r\n"));
			// CR and LF inside header values, folding, malformed header names, NUL.
			suite.add(raw("GET /hello, CR inside a header value", "GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Test: a\rX-Injected: yes\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, CRLF-encoded in the path", "GET /hello/%0d%0aX-Injected:%20yes HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, folded header", "GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Test: a\r\n folded\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, header name with a space", "GET /hello HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, NUL in a header value", "GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Test: a\u0000b\r\nConnection: close\r\n\r\n"));
			// Oversized and contradictory bodies.
			suite.add(new HostileRequest("POST /hello with a 20 MB body", () -> {
				byte[] head = ("POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 20000000\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1);
				byte[] request = new byte[head.length + 20_000_000];
				System.arraycopy(head, 0, request, 0, head.length);
				java.util.Arrays.fill(request, head.length, request.length, (byte) 'x');
				return request;
			}));
			suite.add(raw("POST /hello, Content-Length 10^11 and no body", "POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\nabc"));
			suite.add(raw("POST /hello, chunked and Content-Length", "POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\nGET /hello/actuator/env HTTP/1.1\r\nHost: localhost\r\n\r\n"));
			suite.add(raw("POST /hello, invalid chunk size", "POST /hello HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"));
			suite.add(raw("POST /hello, negative Content-Length", "POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\nConnection: close\r\n\r\n"));
			// TRACE, unknown and odd methods.
			suite.add(raw("TRACE /hello", "TRACE /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
			suite.add(raw("TRACE /actuator/health", "TRACE /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
			suite.add(raw("FOO /hello", "FOO /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
			suite.add(raw("CONNECT example.com:443", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nConnection: close\r\n\r\n"));
			suite.add(raw("DELETE /hello", "DELETE /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
			suite.add(raw("PROPFIND /hello", "PROPFIND /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
			// Bad Host headers.
			suite.add(raw("GET /hello, foreign Host", "GET /hello HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, empty Host", "GET /hello HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, no Host", "GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, Host with a space", "GET /hello HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, two Host headers", "GET /hello HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n"));
			suite.add(raw("GET /hello, absolute URI to another host", "GET http://evil.example/actuator/env HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
			// Services that have no route.
			for (String target : List.of("/config-server/sample-service/default", "/sample-service/default",
					"/discovery-service/eureka/apps", "/sample-service/", "/zipkin-service/api/v2/traces",
					"/edge-gateway/actuator/env")) {
				suite.add(get(target));
			}
			// Not HTTP/1.x at all.
			suite.add(raw("GET /hello HTTP/2.0", "GET /hello HTTP/2.0\r\nHost: localhost\r\n\r\n"));
			suite.add(raw("GET /hello HTTP/1.1 with a space in the path", "GET /hello /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
			suite.add(raw("TLS ClientHello bytes", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003garbage\r\n\r\n"));
			return suite;
		}

	}

}
