package io.github.cloudkit.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Plain HTTP to the services on loopback; an absent answer means nothing listened or it timed out. */
final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.version(HttpClient.Version.HTTP_1_1)
			.build();

	private Http() {
	}

	record Response(int status, String body, java.net.http.HttpHeaders headers) {
		String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

	/** HTTP Basic credentials of one of the platform's users. */
	record Credentials(String user, String password) {
		String header() {
			return "Basic " + java.util.Base64.getEncoder()
					.encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	static Optional<Response> get(String url, Credentials credentials) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", credentials.header()).GET());
	}

	/** A refresh rebuilds a context: on two busy cores it can take well over ten seconds. */
	static Optional<Response> post(String url, Credentials credentials) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", credentials.header())
				.timeout(Duration.ofSeconds(45)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	static Optional<Response> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	static Optional<Response> getJson(String url, Credentials credentials) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
				.header("Authorization", credentials.header()).GET());
	}

	static Optional<Response> post(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	static Optional<Response> send(HttpRequest.Builder request) {
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

	/** GET that must answer; a test fails here with the URL rather than later with a NoSuchElementException. */
	static Response require(String url) {
		return get(url).orElseThrow(() -> new AssertionError("no answer from " + url));
	}

}
