package io.github.cloudkit.api;

import java.io.IOException;
import java.time.Duration;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fault injection for the fault suite and for trying the platform by hand: with {@code kit.chaos.latency}
 * set (e.g. the sample service's profile {@code chaos}, config-repo/sample-service-chaos.yml), every answer but
 * the actuator's comes that much later. Read per request, so a refresh switches it on and off.
 */
public class ChaosLatencyFilter extends OncePerRequestFilter {

	private final ChaosProperties chaos;

	public ChaosLatencyFilter(ChaosProperties chaos) {
		this.chaos = chaos;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/actuator");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Duration latency = chaos.getLatency();
		if (!latency.isZero()) {
			try {
				Thread.sleep(latency.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		chain.doFilter(request, response);
	}
}
