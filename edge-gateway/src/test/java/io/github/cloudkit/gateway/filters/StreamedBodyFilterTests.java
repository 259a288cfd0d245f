package io.github.cloudkit.gateway.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Whether the gateway holds a request body before it forwards it shows in when the backend sees the request: a
 * buffered body only after the client sent all of it, a streamed one while the client is still sending.
 */
class StreamedBodyFilterTests extends GatewayTestSupport {

	@Test
	void aChunkedBodyIsStreamedWhileTheClientIsStillSendingIt() throws Exception {
		String path = "/" + unique("chunked");
		try (Socket client = rawClient()) {
			OutputStream out = client.getOutputStream();
			// More than the gateway's HTTP client buffers before it writes to the backend (8 KB).
			String first = "f".repeat(64 * 1024);
			send(out, "POST /hello" + path + " HTTP/1.1\r\nHost: gateway.example\r\nTransfer-Encoding: chunked\r\n"
					+ "Content-Type: text/plain\r\nConnection: close\r\n\r\n" + Integer.toHexString(first.length())
					+ "\r\n" + first + "\r\n");

			waitUntilArrived("POST " + path, 10_000);

			send(out, "6\r\n-last-\r\n0\r\n\r\n");
			assertThat(readAll(client.getInputStream())).startsWith("HTTP/1.1 200");
		}
		assertThat(backends.received("POST", path)).extracting(recorded -> recorded.body)
				.containsExactly("f".repeat(64 * 1024) + "-last-");
	}

	@Test
	void aBodyLargerThanTheReplayableSizeIsStreamedAndArrivesWhole() throws Exception {
		String path = "/" + unique("large");
		byte[] large = "x".repeat(200 * 1024).getBytes(StandardCharsets.ISO_8859_1);
		try (Socket client = rawClient()) {
			OutputStream out = client.getOutputStream();
			send(out, "POST /hello" + path + " HTTP/1.1\r\nHost: gateway.example\r\nContent-Length: " + large.length
					+ "\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
			out.write(large, 0, 100 * 1024);
			out.flush();

			waitUntilArrived("POST " + path, 10_000);

			out.write(large, 100 * 1024, large.length - 100 * 1024);
			out.flush();
			String answer = readAll(client.getInputStream());
			assertThat(answer).startsWith("HTTP/1.1 200");
			// No retry loop recorded the instance, and the backend's own header of that name stays out.
			assertThat(answer.toLowerCase()).doesNotContain("x-served-by");
		}
		assertThat(backends.received("POST", path)).extracting(recorded -> recorded.body.length()).containsExactly(large.length);
	}

	@Test
	void aSmallBodyIsHeldUntilItIsCompleteSoThatItCanBeSentAgain() throws Exception {
		String path = "/" + unique("small");
		try (Socket client = rawClient()) {
			OutputStream out = client.getOutputStream();
			send(out, "POST /hello" + path + " HTTP/1.1\r\nHost: gateway.example\r\nContent-Length: 10\r\n"
					+ "Content-Type: text/plain\r\nConnection: close\r\n\r\nhalf-");

			Thread.sleep(1_500);
			assertThat(backends.arrived()).doesNotContain("POST " + path);

			send(out, "done!");
			assertThat(readAll(client.getInputStream())).startsWith("HTTP/1.1 200");
		}
		assertThat(backends.received("POST", path)).extracting(recorded -> recorded.body).containsExactly("half-done!");
	}

	@Test
	void aFormReachesTheBackendAsSent() {
		String path = "/" + unique("form");

		int status = send("POST", "/hello" + path, "name=kit&note=a+b%26c", "Content-Type",
				"application/x-www-form-urlencoded").statusCode();

		assertThat(status).isEqualTo(200);
		assertThat(backends.received("POST", path)).extracting(recorded -> recorded.body)
				.containsExactly("name=kit&note=a+b%26c");
	}

	/** A socket to the gateway, to send a request in parts with pauses between them. */
	private Socket rawClient() throws IOException {
		Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
		client.setSoTimeout(20_000);
		return client;
	}

	private void waitUntilArrived(String request, long timeoutMillis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		while (!backends.arrived().contains(request)) {
			assertThat(System.currentTimeMillis()).as("%s reached a backend before the client finished the body", request)
					.isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static void send(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		in.transferTo(answer);
		return answer.toString(StandardCharsets.ISO_8859_1);
	}
}
