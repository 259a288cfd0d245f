package io.github.cloudkit.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The one writer of the short JSON every kit service answers an error with:
 * {@code {"status":401,"error":"Unauthorized","message":"..."}}, and at the gateway, which also names the route
 * ({@code null} before one matched), {@code {"status":503,"error":"Service Unavailable","route":"hello","message":"..."}}.
 * No stack trace, no exception name: the message is a fixed sentence, never a client's input.
 */
public final class ErrorBody {

	/** Sent with {@code charset=UTF-8}: every writer here encodes the body so. */
	public static final String CONTENT_TYPE = MediaType.APPLICATION_JSON_VALUE;

	/** The message of a request refused for what it is (malformed, forbidden characters), not for who sent it. */
	public static final String REJECTED = "the request was rejected";

	private ErrorBody() {
	}

	/** {@code {"status":...,"error":...,"message":...}}. */
	public static String json(int status, String message) {
		return build(status, false, null, message);
	}

	/** The gateway's shape: {@code route} between error and message, written as {@code null} when it is null. */
	public static String json(int status, String route, String message) {
		return build(status, true, route, message);
	}

	public static byte[] bytes(int status, String route, String message) {
		return json(status, route, message).getBytes(StandardCharsets.UTF_8);
	}

	/** Writes the status and the body, replacing whatever was buffered. */
	public static void write(HttpServletResponse response, int status, String message) throws IOException {
		send(response, status, json(status, message));
	}

	/** {@link #write(HttpServletResponse, int, String)} with the gateway's shape. */
	public static void write(HttpServletResponse response, int status, String route, String message)
			throws IOException {
		send(response, status, json(status, route, message));
	}

	private static void send(HttpServletResponse response, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType(CONTENT_TYPE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentLength(body.length);
		try {
			response.getOutputStream().write(body);
		}
		catch (IllegalStateException writerInUse) {
			// Whoever failed had taken the writer already; the servlet API allows only one of the two.
			response.getWriter().write(json);
		}
	}

	/**
	 * The status an error dispatch to {@code /error} carries (Tomcat's {@code javax.servlet.error.status_code}):
	 * 404 when it has none (a direct call of the error path), 500 for one that is no error.
	 */
	public static int errorStatus(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = code instanceof Integer ? (Integer) code : HttpStatus.NOT_FOUND.value();
		return status < 400 ? HttpStatus.INTERNAL_SERVER_ERROR.value() : status;
	}

	/** The reason phrase; a status without one gets the name of its class (RFC 9110, section 15). */
	public static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return known != null ? known.getReasonPhrase() : status < 500 ? "Client Error" : "Server Error";
	}

	private static String build(int status, boolean withRoute, String route, String message) {
		StringBuilder json = new StringBuilder(128).append("{\"status\":").append(status).append(",\"error\":");
		string(json, reason(status));
		if (withRoute) {
			json.append(",\"route\":");
			string(json, route);
		}
		json.append(",\"message\":");
		string(json, message);
		return json.append('}').toString();
	}

	/** A JSON string (RFC 8259): quotes, backslashes and control characters escaped; null as {@code null}. */
	private static void string(StringBuilder json, String text) {
		if (text == null) {
			json.append("null");
			return;
		}
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
			case '"':
				json.append("\\\"");
				break;
			case '\\':
				json.append("\\\\");
				break;
			case '\n':
				json.append("\\n");
				break;
			case '\r':
				json.append("\\r");
				break;
			case '\t':
				json.append("\\t");
				break;
			default:
				if (c < 0x20) {
					json.append(String.format("\\u%04x", (int) c));
				}
				else {
					json.append(c);
				}
			}
		}
		json.append('"');
	}

}
