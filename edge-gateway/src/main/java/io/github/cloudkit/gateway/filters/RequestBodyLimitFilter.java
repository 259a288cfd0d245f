package io.github.cloudkit.gateway.filters;

import java.io.IOException;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.cloudkit.gateway.GatewayProperties;
import io.github.cloudkit.support.ErrorBody;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose declared body is larger than {@code kit.gateway.max-request-body} with 413 before
 * anything reads it: otherwise Zuul would start streaming it to a backend that may hang up half-way, which
 * counts as that instance failing and can take it out of the rotation for every other client.
 */
@Component
public class RequestBodyLimitFilter extends OncePerRequestFilter implements Ordered {

	private static final Logger log = LoggerFactory.getLogger(RequestBodyLimitFilter.class);

	private final GatewayProperties properties;

	public RequestBodyLimitFilter(GatewayProperties properties) {
		this.properties = properties;
	}

	@Override
	public int getOrder() {
		return FilterOrder.REQUEST_BODY_LIMIT;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		long limit = properties.getMaxRequestBody().toBytes();
		if (declared > limit) {
			log.info("Refused {} {}: body of {} bytes, more than {}", request.getMethod(), request.getRequestURI(),
					declared, limit);
			// The unread body is not worth keeping the connection for.
			response.setHeader("Connection", "close");
			ErrorBody.write(response, HttpStatus.PAYLOAD_TOO_LARGE.value(), null,
					"the request body is larger than the gateway accepts");
			response.flushBuffer();
			return;
		}
		chain.doFilter(request, response);
	}
}
