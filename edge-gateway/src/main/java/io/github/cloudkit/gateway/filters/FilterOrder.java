package io.github.cloudkit.gateway.filters;

import org.springframework.cloud.netflix.zuul.filters.support.FilterConstants;
import org.springframework.cloud.sleuth.instrument.web.TraceWebServletAutoConfiguration;
import org.springframework.core.Ordered;

/**
 * The gateway's whole filter sequence, in the order a request meets it: the servlet filters around Zuul, then
 * Zuul's {@code pre}, {@code route}, {@code post} phases and, on a failure in any of them, {@code error}. Spring
 * Cloud's own filters are listed by their constants so each kit filter's place is seen next to them; every kit
 * filter takes its order from here and nowhere else.
 */
public final class FilterOrder {

	// Servlet filters (Ordered), around Zuul's servlet and before Spring Security's chain.

	/** Right after Sleuth's tracing filter, which opens the span: every answer, errors too, carries the id. */
	public static final int TRACE_ID_HEADER = TraceWebServletAutoConfiguration.TRACING_FILTER_ORDER + 1;

	/** Before anything reads the body, so an oversized one is refused unread. */
	public static final int REQUEST_BODY_LIMIT = Ordered.HIGHEST_PRECEDENCE + 10;

	/** Around Zuul, so the load-shedding permit is released on every path, a throwing Zuul filter included. */
	public static final int IN_FLIGHT_RELEASE = Ordered.HIGHEST_PRECEDENCE + 20;

	// pre: Spring Cloud's ServletDetection (-3), Servlet30Wrapper (-2, disabled in the config repo), FormBodyWrapper
	// (-1) and Debug (1) run first.

	/** Before pre-decoration: logs every request, even one no route matches. */
	public static final int REQUEST_LOGGING = FilterConstants.PRE_DECORATION_FILTER_ORDER - 1;

	/** Spring Cloud's: matches the route ({@code proxy}) and marks the request retryable from its settings. */
	public static final int PRE_DECORATION = FilterConstants.PRE_DECORATION_FILTER_ORDER;

	/** Needs the route; before load shedding, so a request refused for its client costs no in-flight permit. */
	public static final int RATE_LIMIT = PRE_DECORATION + 1;

	/** Needs the route; the last that may refuse a request, so the permit it takes is for one that goes on. */
	public static final int LOAD_SHEDDING = PRE_DECORATION + 2;

	/** After pre-decoration set the retry flag, which this may clear for a body too large to replay. */
	public static final int STREAMED_BODY = PRE_DECORATION + 3;

	// route: Spring Cloud's RibbonRouting (10), SimpleHostRouting (100), SendForward (500); none of the kit's.

	/** Spring Cloud's: calls the service through Ribbon, Hystrix and the retry loop. */
	public static final int RIBBON_ROUTING = FilterConstants.RIBBON_ROUTING_FILTER_ORDER;

	// post

	/** Before Spring Cloud's SendResponse copies the headers to the client. */
	public static final int SERVED_BY_HEADER = FilterConstants.SEND_RESPONSE_FILTER_ORDER - 10;

	/** Spring Cloud's: writes the backend's answer. */
	public static final int SEND_RESPONSE = FilterConstants.SEND_RESPONSE_FILTER_ORDER;

	// error

	/** Before Spring Cloud's SendError, which would forward to an error page: it finds the error handled. */
	public static final int JSON_ERROR = FilterConstants.SEND_ERROR_FILTER_ORDER - 1;

	private FilterOrder() {
	}

}
