package io.github.cloudkit.gateway.filters;

import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.PRE_TYPE;
import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.RETRYABLE_KEY;

import javax.servlet.http.HttpServletRequest;

import com.netflix.zuul.ZuulFilter;
import com.netflix.zuul.context.RequestContext;

import io.github.cloudkit.gateway.GatewayProperties;
import io.github.cloudkit.gateway.route.BodilessRoutingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Streams large request bodies instead of holding them in the heap. For a retryable route Spring Cloud copies the
 * whole body into a byte array before the first attempt (its {@code RibbonCommandContext}), so that it can send it
 * again; ten uploads of 10 MB at once would fill the gateway's heap, and a chunked body has no bound at all. A
 * body larger than {@code kit.gateway.max-replayable-body}, or of unknown length, makes this one request not
 * retryable: it goes to a single instance, streamed, and fails over to no other. (Streaming also needs Zuul's
 * own request wrapper out of the way, which reads every body first: {@code zuul.Servlet30WrapperFilter.pre.disable}
 * in config-repo/edge-gateway.yml.)
 */
@Component
public class StreamedBodyFilter extends ZuulFilter {

	private static final Logger log = LoggerFactory.getLogger(StreamedBodyFilter.class);

	private final GatewayProperties properties;

	public StreamedBodyFilter(GatewayProperties properties) {
		this.properties = properties;
	}

	@Override
	public String filterType() {
		return PRE_TYPE;
	}

	@Override
	public int filterOrder() {
		return FilterOrder.STREAMED_BODY;
	}

	@Override
	public boolean shouldFilter() {
		RequestContext ctx = RequestContext.getCurrentContext();
		return Boolean.TRUE.equals(ctx.get(RETRYABLE_KEY)) && !replayable(ctx.getRequest());
	}

	@Override
	public Object run() {
		RequestContext ctx = RequestContext.getCurrentContext();
		HttpServletRequest request = ctx.getRequest();
		log.debug("Streaming the body of {} {} ({} bytes declared) to one instance, without retries",
				request.getMethod(), request.getRequestURI(), request.getContentLengthLong());
		ctx.set(RETRYABLE_KEY, false);
		return null;
	}

	private boolean replayable(HttpServletRequest request) {
		long declared = request.getContentLengthLong();
		return BodilessRoutingFilter.declaresNoBody(request)
				|| (declared >= 0 && declared <= properties.getMaxReplayableBody().toBytes());
	}
}
