package io.github.cloudkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What of a client's request reaches a backend through the /hello route, and what is added. */
class ForwardedRequestTests extends GatewayTestSupport {

	@Test
	void credentialsAndCookiesOfTheClientDoNotReachTheBackend() throws IOException {
		String path = "/" + unique("sensitive");

		String response = raw("GET /hello" + path + " HTTP/1.1\r\nHost: gateway.example\r\n"
				+ "Cookie: session=abc\r\nAuthorization: Basic dXNlcjpwYXNz\r\nX-Custom: kept\r\n"
				+ "Connection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 200");
		Backends.Recorded received = single(path);
		assertThat(received.header("Cookie")).isNull();
		assertThat(received.header("Authorization")).isNull();
		assertThat(received.header("X-Custom")).isEqualTo("kept");
	}

	@Test
	void hopByHopHeadersStayOnTheClientsConnection() throws IOException {
		String path = "/" + unique("hop");

		String response = raw("GET /hello" + path + " HTTP/1.1\r\nHost: gateway.example\r\n"
				+ "Keep-Alive: timeout=5\r\nProxy-Authorization: Basic eDp5\r\nTE: trailers\r\n"
				+ "Upgrade: websocket\r\nProxy-Connection: keep-alive\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 200");
		Backends.Recorded received = single(path);
		for (String header : List.of("Keep-Alive", "Proxy-Authorization", "TE", "Upgrade", "Proxy-Connection")) {
			assertThat(received.header(header)).as(header).isNull();
		}
	}

	@Test
	void theBackendLearnsTheOriginalClientHostAndPrefix() throws IOException {
		String path = "/" + unique("forwarded");

		String response = raw("GET /hello" + path + " HTTP/1.1\r\nHost: gateway.example\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 200");
		Backends.Recorded received = single(path);
		assertThat(received.header("X-Forwarded-Host")).isEqualTo("gateway.example");
		assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
		assertThat(received.header("X-Forwarded-Prefix")).isEqualTo("/hello");
		assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
	}

	@Test
	void aGetWithoutABodyReachesTheBackendWithoutOne() throws IOException {
		String path = "/" + unique("bodiless");

		String response = raw("GET /hello" + path + " HTTP/1.1\r\nHost: gateway.example\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 200");
		Backends.Recorded received = single(path);
		assertThat(received.header("Content-Length")).isNull();
		assertThat(received.header("Transfer-Encoding")).isNull();
		assertThat(received.body).isEmpty();
	}

	@Test
	void aGetThatDeclaresABodyStillSendsIt() throws IOException {
		String path = "/" + unique("get-body");

		String response = raw("GET /hello" + path + " HTTP/1.1\r\nHost: gateway.example\r\nContent-Length: 5\r\n"
				+ "Connection: close\r\n\r\nhello");

		assertThat(response).startsWith("HTTP/1.1 200");
		Backends.Recorded received = single(path);
		assertThat(received.header("Content-Length")).isEqualTo("5");
		assertThat(received.body).isEqualTo("hello");
	}

	@Test
	void aBodyLargerThanTheLimitIsRefusedBeforeItReachesABackend() throws IOException {
		String path = "/" + unique("huge");

		String response = raw("POST /hello" + path + " HTTP/1.1\r\nHost: gateway.example\r\n"
				+ "Content-Length: 99999999999\r\nConnection: close\r\n\r\nabc", 3_000);

		assertThat(response).startsWith("HTTP/1.1 413").contains("\"status\":413");
		assertThat(backends.received("POST", path)).isEmpty();
	}

	/** What the backend received (on a machine slow enough for a read timeout, a retry may have sent it twice). */
	private Backends.Recorded single(String path) {
		List<Backends.Recorded> received = backends.received("GET", path);
		assertThat(received).isNotEmpty();
		return received.get(0);
	}

	/** A request written byte for byte: java.net.http refuses to send hop-by-hop headers at all. */
	private String raw(String request) throws IOException {
		return raw(request, 20_000);
	}

	/** Reads until the gateway closes the connection or is silent for {@code quietMillis}. */
	private String raw(String request, int quietMillis) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(quietMillis);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int read; (read = in.read(buffer)) >= 0;) {
					answer.write(buffer, 0, read);
				}
			}
			catch (java.net.SocketTimeoutException stillOpen) {
				// a server may keep the connection open after a refusal; what it said is all there is
			}
			return answer.toString(StandardCharsets.ISO_8859_1);
		}
	}
}
