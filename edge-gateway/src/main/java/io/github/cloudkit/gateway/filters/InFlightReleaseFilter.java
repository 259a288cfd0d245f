package io.github.cloudkit.gateway.filters;

import java.io.IOException;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands back the in-flight permit {@link LoadSheddingFilter} took, whatever happened inside Zuul. A Zuul post
 * filter would not do: Zuul skips the remaining post filters when one of them throws.
 */
@Component
public class InFlightReleaseFilter extends OncePerRequestFilter implements Ordered {

	@Override
	public int getOrder() {
		return FilterOrder.IN_FLIGHT_RELEASE;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			Object permit = request.getAttribute(LoadSheddingFilter.PERMIT_ATTRIBUTE);
			if (permit instanceof LoadSheddingFilter.Permit) {
				((LoadSheddingFilter.Permit) permit).release();
				request.removeAttribute(LoadSheddingFilter.PERMIT_ATTRIBUTE);
			}
		}
	}
}
