package io.github.cloudkit.gateway.route;

import java.util.Set;

import org.springframework.cloud.netflix.ribbon.support.RibbonCommandContext;
import org.springframework.cloud.netflix.zuul.filters.route.FallbackProvider;
import org.springframework.cloud.netflix.zuul.filters.route.RibbonCommand;
import org.springframework.cloud.netflix.zuul.filters.route.support.AbstractRibbonCommandFactory;

/**
 * Replaces Spring Cloud's {@code HttpClientRibbonCommandFactory} (it backs off when a bean of this type
 * exists): the same command over the same client, built from the service's {@link ServiceRoutes.Route}
 * instead of looking everything up and reading every setting again for each request.
 */
public class RouteCommandFactory extends AbstractRibbonCommandFactory {

	private final ServiceRoutes routes;

	public RouteCommandFactory(ServiceRoutes routes, Set<FallbackProvider> fallbacks) {
		super(fallbacks);
		this.routes = routes;
	}

	@Override
	public RibbonCommand create(RibbonCommandContext context) {
		ServiceRoutes.Route route = routes.of(context.getServiceId());
		return new RouteCommand(route.hystrix, route.client, context, getFallbackProvider(context.getServiceId()),
				route.config);
	}
}
