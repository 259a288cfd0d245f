package io.github.cloudkit.gateway.errors;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.servlet.http.HttpServletResponse;

import com.netflix.zuul.context.RequestContext;

import io.github.cloudkit.support.ErrorBody;
import org.springframework.http.HttpHeaders;

/** How a Zuul {@code pre} filter refuses a request: the kit's error body, no backend called. */
public final class PreFilterRejection {

	private PreFilterRejection() {
	}

	/**
	 * Answers the request without calling any backend: Zuul's own response filter writes the body, and the routing
	 * filters skip the request.
	 */
	public static void reject(RequestContext ctx, int status, String route, String message, Duration retryAfter) {
		ctx.setSendZuulResponse(false);
		ctx.setResponseStatusCode(status);
		ctx.setResponseBody(ErrorBody.json(status, route, message));
		HttpServletResponse response = ctx.getResponse();
		response.setContentType(ErrorBody.CONTENT_TYPE);
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
