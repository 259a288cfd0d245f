package io.github.cloudkit.gateway.filters;

import java.io.IOException;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import brave.Span;
import brave.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code X-Trace-Id}: the Sleuth trace id of the request, to paste into Zipkin's search. A servlet filter right
 * after Sleuth's tracing filter rather than a Zuul post filter, so that every answer carries it: routed
 * responses, fallbacks, shed and rate-limited requests, errors and 404s for unrouted paths. The header is set
 * before the request is handled, so it is there however the response gets committed.
 */
@Component
public class TraceIdHeaderFilter extends OncePerRequestFilter implements Ordered {

	public static final String HEADER = "X-Trace-Id";

	private final ObjectProvider<Tracer> tracer;

	/** Lazy: with tracing switched off (spring.sleuth.enabled=false) there is no tracer and no header. */
	public TraceIdHeaderFilter(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	@Override
	public int getOrder() {
		return FilterOrder.TRACE_ID_HEADER;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Tracer current = tracer.getIfAvailable();
		Span span = current == null ? null : current.currentSpan();
		if (span != null) {
			response.setHeader(HEADER, span.context().traceIdString());
		}
		chain.doFilter(request, response);
	}
}
