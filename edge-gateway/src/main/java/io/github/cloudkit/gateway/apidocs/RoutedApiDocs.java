package io.github.cloudkit.gateway.apidocs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springdoc.core.SwaggerUiConfigParameters;
import org.springdoc.core.SwaggerUiConfigProperties;

import org.springframework.cloud.netflix.zuul.filters.Route;
import org.springframework.cloud.netflix.zuul.filters.RouteLocator;

/**
 * What the gateway's Swagger UI lists ({@code /v3/api-docs/swagger-config}): the OpenAPI document of every routed
 * service, one entry per Zuul route, named by its serviceId, at the route's prefix + {@code /v3/api-docs}. The
 * browser fetches each document through the gateway's own route, and "Try it out" goes the same way (a template
 * service writes the route as its document's server). Read from the route locator each time the UI asks, so a route
 * added by a commit and a refresh is listed at once and a removed one no longer; springdoc's own settings
 * ({@code springdoc.swagger-ui.*}) apply as usual.
 */
public class RoutedApiDocs extends SwaggerUiConfigParameters {

	/** Where every service built from the template serves its document: springdoc's default path. */
	public static final String API_DOCS_PATH = "/v3/api-docs";

	private static final String ANY_PATH = "/**";

	private final RouteLocator routes;

	public RoutedApiDocs(SwaggerUiConfigProperties properties, RouteLocator routes) {
		super(properties);
		this.routes = routes;
	}

	/** With routes, their documents in place of springdoc's single default URL (the gateway's own document). */
	@Override
	public Map<String, Object> getConfigParameters() {
		Map<String, Object> parameters = super.getConfigParameters();
		Set<SwaggerUrl> documents = routedDocuments();
		if (!documents.isEmpty()) {
			parameters.remove(URL_PROPERTY);
			parameters.put(URLS_PROPERTY, documents);
		}
		return parameters;
	}

	/**
	 * In the order of the configured routes. Only a route with a prefix ({@code /hello/**}) can carry a document: at
	 * {@code /**} it would be the gateway's own. A service reached by several routes gets an entry for each, told
	 * apart by the route's name.
	 */
	Set<SwaggerUrl> routedDocuments() {
		List<Route> routed = routes.getRoutes().stream()
				.filter(route -> route.getFullPath().endsWith(ANY_PATH) && route.getFullPath().length() > ANY_PATH.length())
				.collect(Collectors.toList());
		Map<String, Long> routesPerService = routed.stream()
				.collect(Collectors.groupingBy(Route::getLocation, Collectors.counting()));
		Function<Route, String> name = route -> routesPerService.get(route.getLocation()) > 1
				? route.getLocation() + " (" + route.getId() + ")" : route.getLocation();
		Set<SwaggerUrl> documents = new LinkedHashSet<>();
		for (Route route : routed) {
			String prefix = route.getFullPath().substring(0, route.getFullPath().length() - ANY_PATH.length());
			documents.add(new SwaggerUrl(name.apply(route), prefix + API_DOCS_PATH, name.apply(route)));
		}
		return documents;
	}

}
