package io.github.cloudkit.gateway.route;

import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.REQUEST_ENTITY_KEY;

import java.io.InputStream;
import java.util.List;

import javax.servlet.http.HttpServletRequest;

import com.netflix.zuul.context.RequestContext;

import org.springframework.cloud.netflix.ribbon.support.RibbonRequestCustomizer;
import org.springframework.cloud.netflix.zuul.filters.ProxyRequestHelper;
import org.springframework.cloud.netflix.zuul.filters.route.RibbonCommandFactory;
import org.springframework.cloud.netflix.zuul.filters.route.RibbonRoutingFilter;

/**
 * Spring Cloud's Ribbon routing filter (it backs off when a bean of this type exists), except that a GET or HEAD
 * without a body hands on no body at all. Spring Cloud passes the servlet's input stream for every request; on a
 * retryable route it copies that stream into a new array before the first attempt, so that it can be sent again,
 * and Apache HttpClient then writes it as an empty entity with {@code Content-Length: 0}: three 4 KB buffers and
 * their copying for each GET, for nothing. Every other request, and a GET that does declare a body, goes as before.
 */
public class BodilessRoutingFilter extends RibbonRoutingFilter {

	public BodilessRoutingFilter(ProxyRequestHelper helper, RibbonCommandFactory<?> commands,
			List<RibbonRequestCustomizer> customizers) {
		super(helper, commands, customizers);
	}

	/** The switch users know, {@code zuul.RibbonRoutingFilter.route.disable}, rather than one with this class's name. */
	@Override
	public String disablePropertyName() {
		return "zuul." + RibbonRoutingFilter.class.getSimpleName() + "." + filterType() + ".disable";
	}

	@Override
	protected InputStream getRequestBody(HttpServletRequest request) {
		return hasNoBody(request) ? null : super.getRequestBody(request);
	}

	/** A GET or HEAD that declares no body and for which no filter set one. */
	static boolean hasNoBody(HttpServletRequest request) {
		String method = request.getMethod();
		return ("GET".equals(method) || "HEAD".equals(method)) && declaresNoBody(request)
				&& RequestContext.getCurrentContext().get(REQUEST_ENTITY_KEY) == null;
	}

	/** No Content-Length (or 0) and not chunked: whatever its method, the request carries no body. */
	public static boolean declaresNoBody(HttpServletRequest request) {
		return request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
	}
}
