package io.github.cloudkit.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The short JSON every kit service answers an error with, {@code {"status":401,"error":"Unauthorized",
 * "message":"..."}}: no stack trace, no exception name; the message is a fixed sentence, never a client's input.
 */
public final class ErrorBody {

	private ErrorBody() {
	}

	public static String json(int status, String message) {
		return "{\"status\":" + status + ",\"error\":\"" + reason(status) + "\",\"message\":\"" + message + "\"}";
	}

	/** Writes the status and the body, replacing whatever was buffered. */
	public static void write(HttpServletResponse response, int status, String message) throws IOException {
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(json(status, message));
	}

	public static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return known != null ? known.getReasonPhrase() : status < 500 ? "Client Error" : "Server Error";
	}

}
