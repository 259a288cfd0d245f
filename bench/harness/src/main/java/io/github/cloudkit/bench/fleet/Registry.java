package io.github.cloudkit.bench.fleet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/** Eureka's REST API as a Eureka client uses it: register, renew, cancel, fetch (JSON, gzip). */
final class Registry {

	/** One answer: status, bytes on the wire, bytes once unzipped, time taken. */
	record Answer(int status, long wireBytes, long bytes, long micros) {
	}

	private final HttpClient client;
	private final String base;
	private final String authorization;

	Registry(HttpClient client, String base, String user, String password) {
		this.client = client;
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.authorization = basic(user, password);
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	Answer register(Instance instance) {
		return send(request("/apps/" + instance.app()).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(instance.json())), false);
	}

	Answer renew(Instance instance) {
		return send(request("/apps/" + instance.app() + "/" + instance.id() + "?status=UP&lastDirtyTimestamp="
				+ instance.dirtyTimestamp()).PUT(HttpRequest.BodyPublishers.noBody()), false);
	}

	Answer cancel(Instance instance) {
		return send(request("/apps/" + instance.app() + "/" + instance.id()).DELETE(), false);
	}

	Answer fetchDelta() {
		return send(request("/apps/delta").GET(), true);
	}

	Answer fetchAll() {
		return send(request("/apps/").GET(), true);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
				.header("Authorization", authorization).header("Accept", "application/json")
				.header("Accept-Encoding", "gzip");
	}

	private Answer send(HttpRequest.Builder request, boolean measureBody) {
		long started = System.nanoTime();
		try {
			HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			long micros = (System.nanoTime() - started) / 1000;
			byte[] body = response.body();
			long bytes = body.length;
			if (measureBody && response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
				try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(body))) {
					bytes = unzipped.transferTo(OutputSink.INSTANCE);
				}
			}
			return new Answer(response.statusCode(), body.length, bytes, micros);
		}
		catch (IOException ex) {
			return new Answer(0, 0, 0, (System.nanoTime() - started) / 1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, 0, 0, 0);
		}
	}

	/** Counts bytes and keeps none. */
	private static final class OutputSink extends java.io.OutputStream {

		static final OutputSink INSTANCE = new OutputSink();

		@Override
		public void write(int b) {
		}

		@Override
		public void write(byte[] b, int off, int len) {
		}

	}

}
