package io.github.cloudkit.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Plain HTTP to the services on loopback; an absent answer means nothing listened or it timed out. Shared by
 * platform-tests and the benchmark harness.
 */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.version(HttpClient.Version.HTTP_1_1)
			.build();

	private Http() {
	}

	public record Response(int status, String body, java.net.http.HttpHeaders headers) {
		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

	/** HTTP Basic credentials of one of the platform's users. */
	public record Credentials(String user, String password) {
		public String header() {
			return "Basic " + java.util.Base64.getEncoder()
					.encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	public static Optional<Response> get(String url, Credentials credentials) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", credentials.header()).GET());
	}

	/** A refresh rebuilds a context: on two busy cores it can take well over ten seconds. */
	public static Optional<Response> post(String url, Credentials credentials) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", credentials.header())
				.timeout(Duration.ofSeconds(45)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	public static Optional<Response> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	public static Optional<Response> getJson(String url, Credentials credentials) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
				.header("Authorization", credentials.header()).GET());
	}

	public static Optional<Response> post(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	public static Optional<Response> send(HttpRequest.Builder request) {
		try {
			HttpRequest built = request.build();
			if (built.timeout().isEmpty()) {
				built = request.timeout(Duration.ofSeconds(10)).build();
			}
			HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
			return Optional.of(new Response(response.statusCode(), response.body(), response.headers()));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/** The body of a 200 answer to a GET; empty for any other answer or none. */
	public static Optional<String> okBody(String url) {
		return get(url).filter(response -> response.status() == 200).map(Response::body);
	}

	/**
	 * Whether the service on this loopback port is healthy: {@code /actuator/health} answers 200 with the status UP,
	 * the rule ./platform's health column uses.
	 */
	public static boolean isUp(int port) {
		return okBody("http://127.0.0.1:" + port + "/actuator/health")
				.map(body -> body.replaceAll("\\s", "").startsWith("{\"status\":\"UP\"")).orElse(false);
	}

	/** GET that must answer; a test fails here with the URL rather than later with a NoSuchElementException. */
	public static Response require(String url) {
		return get(url).orElseThrow(() -> new AssertionError("no answer from " + url));
	}

}
