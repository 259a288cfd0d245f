package io.github.cloudkit.gateway.filters;

import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.PRE_TYPE;

import javax.servlet.http.HttpServletRequest;

import com.netflix.zuul.ZuulFilter;
import com.netflix.zuul.context.RequestContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The walkthrough's first filter: logs method and URL of every routed request, e.g. {@code GET request to http://localhost:8080/hello/id}. */
@Component
public class RequestLoggingFilter extends ZuulFilter {

	private static final Logger log = LoggerFactory.getLogger(RequestLoggingFilter.class);

	@Override
	public String filterType() {
		return PRE_TYPE;
	}

	@Override
	public int filterOrder() {
		return FilterOrder.REQUEST_LOGGING;
	}

	@Override
	public boolean shouldFilter() {
		return log.isInfoEnabled();
	}

	@Override
	public Object run() {
		HttpServletRequest request = RequestContext.getCurrentContext().getRequest();
		StringBuffer url = request.getRequestURL();
		if (request.getQueryString() != null) {
			url.append('?').append(request.getQueryString());
		}
		log.info("{} request to {}", request.getMethod(), url);
		return null;
	}
}
