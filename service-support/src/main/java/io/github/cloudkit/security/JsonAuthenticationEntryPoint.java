package io.github.cloudkit.security;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.github.cloudkit.support.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without valid credentials at once: 401, the Basic challenge and the short JSON body,
 * written here rather than by an error dispatch to {@code /error} (which a service protecting everything
 * would refuse again, with an empty body). A flood of wrong passwords is logged as one line a minute with a
 * count, not a line per request.
 */
public class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final Logger log = LoggerFactory.getLogger(JsonAuthenticationEntryPoint.class);

	private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

	private final AtomicLong refusedSinceLog = new AtomicLong();

	private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		boolean presented = request.getHeader("Authorization") != null;
		response.setHeader("WWW-Authenticate", "Basic realm=\"Realm\"");
		ErrorBody.write(response, HttpServletResponse.SC_UNAUTHORIZED,
				presented ? "wrong credentials" : "credentials required");
		if (presented) {
			logNow(request);
		}
	}

	private void logNow(HttpServletRequest request) {
		long refused = refusedSinceLog.incrementAndGet();
		long last = lastLog.get();
		long now = System.nanoTime();
		if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
			refusedSinceLog.addAndGet(-refused);
			log.warn("Refused {} request(s) with wrong credentials since the last such line (the latest: {} {} from {})",
					refused, request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
		}
	}

}
