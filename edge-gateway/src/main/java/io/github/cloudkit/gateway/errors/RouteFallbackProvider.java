package io.github.cloudkit.gateway.errors;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import com.netflix.client.ClientException;
import com.netflix.hystrix.exception.HystrixTimeoutException;

import io.github.cloudkit.support.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.netflix.zuul.filters.route.FallbackProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;

/**
 * What every route answers when Hystrix gives up on it (no instance, every attempt failed, timeout, open
 * circuit, too many concurrent requests): 503 with the gateway's JSON error shape. Without a fallback, Zuul
 * answers 500 with an empty message.
 */
@Component
public class RouteFallbackProvider implements FallbackProvider {

	private static final Logger log = LoggerFactory.getLogger(RouteFallbackProvider.class);

	@Override
	public String getRoute() {
		return "*";
	}

	@Override
	public ClientHttpResponse fallbackResponse(String route, Throwable cause) {
		String message = describe(cause);
		log.warn("Fallback for route {}: {} ({})", route, message, cause == null ? "no cause" : cause.toString());
		return new JsonResponse(ErrorBody.bytes(HttpStatus.SERVICE_UNAVAILABLE.value(), route, message));
	}

	/** A short, fixed sentence per kind of failure: never the exception's own text (it names hosts and classes). */
	static String describe(Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof HystrixTimeoutException || t instanceof SocketTimeoutException) {
				return "the service did not answer in time";
			}
			if (t instanceof ConnectException) {
				return "no instance of the service accepted the connection";
			}
			if (t instanceof ClientException && String.valueOf(t.getMessage()).contains("does not have available server")) {
				return "no instance of the service is available";
			}
			String text = String.valueOf(t.getMessage());
			if (text.contains("short-circuited")) {
				return "the service failed repeatedly; the gateway stops calling it for a few seconds";
			}
			if (text.contains("could not acquire a semaphore")) {
				return "too many concurrent requests to the service";
			}
		}
		return "the service could not be reached";
	}

	private static final class JsonResponse implements ClientHttpResponse {

		private final byte[] body;

		JsonResponse(byte[] body) {
			this.body = body;
		}

		@Override
		public HttpStatus getStatusCode() {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}

		@Override
		public int getRawStatusCode() {
			return HttpStatus.SERVICE_UNAVAILABLE.value();
		}

		@Override
		public String getStatusText() {
			return HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase();
		}

		@Override
		public HttpHeaders getHeaders() {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.APPLICATION_JSON);
			headers.setContentLength(body.length);
			return headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(body);
		}

		@Override
		public void close() {
		}
	}
}
