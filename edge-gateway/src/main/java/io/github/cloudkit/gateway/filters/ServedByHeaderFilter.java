package io.github.cloudkit.gateway.filters;

import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.POST_TYPE;

import com.netflix.zuul.ZuulFilter;
import com.netflix.zuul.context.RequestContext;

import org.springframework.stereotype.Component;

/**
 * Adds {@code X-Served-By}: the instance that answered (its Eureka instance id, or host:port for a static
 * server list), as recorded by {@link io.github.cloudkit.gateway.ribbon.ServedInstanceRecorder}. Shows the load
 * balancing at work; absent when no instance answered (a fallback, a shed or rate-limited request) and on a
 * streamed request body ({@link StreamedBodyFilter}: no retry loop, nothing records the instance). A backend's own
 * header of that name never reaches the client.
 */
@Component
public class ServedByHeaderFilter extends ZuulFilter {

	public static final String HEADER = "X-Served-By";

	/** Where the instance is recorded in Zuul's request context. */
	public static final String SERVED_BY_KEY = "kit.servedBy";

	@Override
	public String filterType() {
		return POST_TYPE;
	}

	@Override
	public int filterOrder() {
		return FilterOrder.SERVED_BY_HEADER;
	}

	@Override
	public boolean shouldFilter() {
		return true;
	}

	@Override
	public Object run() {
		RequestContext ctx = RequestContext.getCurrentContext();
		// A backend cannot claim to be someone else: its own header of that name is replaced.
		ctx.getZuulResponseHeaders().removeIf(header -> HEADER.equalsIgnoreCase(header.first()));
		Object servedBy = ctx.get(SERVED_BY_KEY);
		if (servedBy != null) {
			ctx.addZuulResponseHeader(HEADER, servedBy.toString());
		}
		return null;
	}
}
