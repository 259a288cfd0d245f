package io.github.cloudkit.gateway;

import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.POST_TYPE;
import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.PRE_TYPE;

import com.netflix.zuul.ZuulFilter;
import com.netflix.zuul.context.RequestContext;

import io.github.cloudkit.gateway.filters.FilterOrder;
import org.springframework.stereotype.Component;

/**
 * Test-only Zuul filters (found by component scanning of the test classpath) that fail on demand: header
 * {@code X-Test-Fail: pre} throws in the pre phase after load shedding took its permit, {@code post} throws in
 * the post phase before Zuul writes the backend's answer. They stand for any bug or failure inside the gateway.
 */
public final class FailureInjectionFilters {

	public static final String HEADER = "X-Test-Fail";

	private FailureInjectionFilters() {
	}

	static boolean asked(String phase) {
		return phase.equals(RequestContext.getCurrentContext().getRequest().getHeader(HEADER));
	}

	@Component
	public static class FailingPreFilter extends ZuulFilter {

		@Override
		public String filterType() {
			return PRE_TYPE;
		}

		@Override
		public int filterOrder() {
			// After the last kit pre filter: load shedding has taken its permit.
			return FilterOrder.STREAMED_BODY + 1;
		}

		@Override
		public boolean shouldFilter() {
			return asked("pre");
		}

		@Override
		public Object run() {
			throw new IllegalStateException("injected failure in a pre filter, secret=do-not-leak");
		}
	}

	@Component
	public static class FailingPostFilter extends ZuulFilter {

		@Override
		public String filterType() {
			return POST_TYPE;
		}

		@Override
		public int filterOrder() {
			// Before every kit post filter and before Zuul writes the backend's answer.
			return FilterOrder.SERVED_BY_HEADER - 1;
		}

		@Override
		public boolean shouldFilter() {
			return asked("post");
		}

		@Override
		public Object run() {
			throw new IllegalStateException("injected failure in a post filter, secret=do-not-leak");
		}
	}
}
