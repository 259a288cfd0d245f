package io.github.cloudkit.admin;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.github.cloudkit.support.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Hystrix dashboard's page reads its stream through {@code /proxy.stream?origin=<url>}, whose servlet would
 * fetch any URL it is given, without credentials. This filter answers that path first: the one stream it serves
 * is this server's own {@link CircuitStream}, handed on inside the server to the request the operator's login
 * already authorised; every other origin is refused.
 */
class DashboardStreamFilter extends OncePerRequestFilter {

	static final String PROXY_PATH = "/proxy.stream";

	private static final Logger log = LoggerFactory.getLogger(DashboardStreamFilter.class);

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !PROXY_PATH.equals(request.getServletPath());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getParameter("origin");
		if (!isOwnStream(origin)) {
			log.info("Refused the dashboard stream of origin '{}': only {} is served", origin, CircuitStream.PATH);
			ErrorBody.write(response, HttpServletResponse.SC_FORBIDDEN, "Only this server's Turbine stream ("
					+ CircuitStream.PATH + ") is shown here");
			return;
		}
		request.getRequestDispatcher(CircuitStream.PATH).forward(request, response);
	}

	/** {@code /turbine.stream} itself, or any absolute URL of it (the dashboard's form asks for one). */
	static boolean isOwnStream(String origin) {
		if (origin == null) {
			return false;
		}
		try {
			URI uri = new URI(origin.trim());
			return CircuitStream.PATH.equals(uri.getPath()) && uri.getRawQuery() == null && uri.getUserInfo() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
