package io.github.cloudkit.gateway.errors;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.netflix.zuul.context.RequestContext;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The one error shape every gateway failure answers with:
 * {@code {"status":503,"error":"Service Unavailable","route":"hello","message":"..."}}. No stack traces, no
 * exception names: the message is a short sentence chosen by the gateway, never an exception's text.
 */
public final class ErrorJson {

	public static final String CONTENT_TYPE = MediaType.APPLICATION_JSON_VALUE;

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private ErrorJson() {
	}

	/** The body; {@code route} may be null when the failure happened before a route was matched. */
	public static String body(int status, String route, String message) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("status", status);
		node.put("error", reason(status));
		if (route == null) {
			node.putNull("route");
		}
		else {
			node.put("route", route);
		}
		node.put("message", message);
		try {
			return MAPPER.writeValueAsString(node);
		}
		catch (JsonProcessingException e) {
			// Cannot happen for an ObjectNode of strings and numbers.
			throw new IllegalStateException(e);
		}
	}

	public static byte[] bytes(int status, String route, String message) {
		return body(status, route, message).getBytes(StandardCharsets.UTF_8);
	}

	public static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return known == null ? "Error" : known.getReasonPhrase();
	}

	/**
	 * Answers a Zuul request from a {@code pre} filter without calling any backend: Zuul's own response filter
	 * writes the body, and the routing filters skip the request.
	 */
	public static void rejectInPreFilter(RequestContext ctx, int status, String route, String message,
			Duration retryAfter) {
		ctx.setSendZuulResponse(false);
		ctx.setResponseStatusCode(status);
		ctx.setResponseBody(body(status, route, message));
		HttpServletResponse response = ctx.getResponse();
		response.setContentType(CONTENT_TYPE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (retryAfter != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(retryAfter)));
		}
	}

	/** Whole seconds, rounded up, at least 1: {@code Retry-After: 0} would invite an immediate retry storm. */
	public static long retryAfterSeconds(Duration wait) {
		long millis = Math.max(0, wait.toMillis());
		return Math.max(1, (millis + 999) / 1000);
	}
}
