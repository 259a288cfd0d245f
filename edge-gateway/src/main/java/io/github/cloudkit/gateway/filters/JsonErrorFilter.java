package io.github.cloudkit.gateway.filters;

import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.ERROR_TYPE;
import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.PROXY_KEY;

import java.io.Closeable;
import java.io.IOException;

import javax.servlet.http.HttpServletResponse;

import com.netflix.zuul.ZuulFilter;
import com.netflix.zuul.context.RequestContext;
import com.netflix.zuul.exception.ZuulException;

import io.github.cloudkit.support.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns any failure inside the gateway (an exception in any pre, route or post filter) into the gateway's JSON
 * error shape with the failure's status, written straight to the response. It runs before Zuul's
 * {@code SendErrorFilter} and marks the error as handled, so that filter never forwards to an error page. The
 * exception is logged here with its stack trace; the client gets a short sentence.
 */
@Component
public class JsonErrorFilter extends ZuulFilter {

	/** The flag Zuul's SendErrorFilter sets and checks (its constant is not public). */
	static final String SEND_ERROR_FILTER_RAN = "sendErrorFilter.ran";

	private static final Logger log = LoggerFactory.getLogger(JsonErrorFilter.class);

	@Override
	public String filterType() {
		return ERROR_TYPE;
	}

	@Override
	public int filterOrder() {
		return FilterOrder.JSON_ERROR;
	}

	@Override
	public boolean shouldFilter() {
		RequestContext ctx = RequestContext.getCurrentContext();
		return ctx.getThrowable() != null && !ctx.getBoolean(SEND_ERROR_FILTER_RAN, false);
	}

	@Override
	public Object run() {
		RequestContext ctx = RequestContext.getCurrentContext();
		// Marked first: even if writing fails below, no other error filter turns this into an HTML page.
		ctx.set(SEND_ERROR_FILTER_RAN, true);
		Throwable failure = ctx.getThrowable();
		int status = statusOf(failure);
		String route = (String) ctx.get(PROXY_KEY);
		log.warn("Request {} {} failed in the gateway with {}", ctx.getRequest().getMethod(),
				ctx.getRequest().getRequestURI(), status, failure);
		ctx.setResponseStatusCode(status);
		releaseUpstreamResponse(ctx);
		// The throwable stays in the context, so Zuul's SendResponseFilter writes nothing after this.
		write(ctx.getResponse(), status, route);
		return null;
	}

	/**
	 * A backend answer that will not be sent on (a post filter failed before Zuul copied it) still holds a pooled
	 * connection; closing it hands the connection back instead of leaking it.
	 */
	private static void releaseUpstreamResponse(RequestContext ctx) {
		Object upstream = ctx.get("zuulResponse");
		if (upstream instanceof Closeable) {
			try {
				((Closeable) upstream).close();
			}
			catch (IOException | RuntimeException e) {
				log.debug("Could not close the upstream response", e);
			}
		}
	}

	static int statusOf(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof ZuulException) {
				int status = ((ZuulException) t).nStatusCode;
				return status >= 400 && status <= 599 ? status : 500;
			}
		}
		return 500;
	}

	static String messageFor(int status) {
		return status >= 500 ? "the gateway failed to handle the request" : "the gateway rejected the request";
	}

	private static void write(HttpServletResponse response, int status, String route) {
		if (response.isCommitted()) {
			log.warn("Response already committed; the client gets a truncated answer");
			return;
		}
		// reset() also drops headers a backend answer may have left (Content-Length, Content-Encoding);
		// keep the trace id, which the client needs most when something failed.
		String traceId = response.getHeader(TraceIdHeaderFilter.HEADER);
		response.reset();
		if (traceId != null) {
			response.setHeader(TraceIdHeaderFilter.HEADER, traceId);
		}
		try {
			ErrorBody.write(response, status, route, messageFor(status));
		}
		catch (IOException e) {
			log.debug("Could not write the error body (client gone?)", e);
		}
	}
}
