package io.github.cloudkit.gateway;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.cloudkit.gateway.ribbon.CanaryRibbonConfiguration;
import io.github.cloudkit.gateway.ribbon.IdempotentRetryFactory;
import io.github.cloudkit.gateway.route.BodilessRoutingFilter;
import io.github.cloudkit.gateway.route.RouteCommandFactory;
import io.github.cloudkit.gateway.route.ServiceRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryFactory;
import org.springframework.cloud.netflix.ribbon.RibbonClients;
import org.springframework.cloud.netflix.ribbon.SpringClientFactory;
import org.springframework.cloud.netflix.ribbon.support.RibbonRequestCustomizer;
import org.springframework.cloud.netflix.zuul.filters.ProxyRequestHelper;
import org.springframework.cloud.netflix.zuul.filters.ZuulProperties;
import org.springframework.cloud.netflix.zuul.filters.route.FallbackProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * The route path's wiring: the gateway's properties, the canary rule for every Ribbon client, what each route
 * shares, the retry and command factories built on it, and the routing filter that uses them.
 */
@Configuration(proxyBeanMethods = false)
@RibbonClients(defaultConfiguration = CanaryRibbonConfiguration.class)
public class GatewayConfiguration {

	@Bean
	public ServiceRoutes serviceRoutes(SpringClientFactory clients, ZuulProperties zuul, MeterRegistry meters) {
		return new ServiceRoutes(clients, zuul, meters);
	}

	@Bean
	public LoadBalancedRetryFactory idempotentRetryFactory(SpringClientFactory clients, ServiceRoutes routes) {
		return new IdempotentRetryFactory(clients, routes);
	}

	@Bean
	public RouteCommandFactory routeCommandFactory(ServiceRoutes routes, ObjectProvider<FallbackProvider> fallbacks) {
		Set<FallbackProvider> providers = fallbacks.orderedStream().collect(Collectors.toSet());
		return new RouteCommandFactory(routes, providers);
	}

	/** Named as Spring Cloud names the filter it replaces. */
	@Bean
	public BodilessRoutingFilter ribbonRoutingFilter(ProxyRequestHelper helper, RouteCommandFactory commands,
			ObjectProvider<RibbonRequestCustomizer> customizers) {
		List<RibbonRequestCustomizer> ordered = customizers.orderedStream().collect(Collectors.toList());
		return new BodilessRoutingFilter(helper, commands, ordered);
	}

	/** The properties on their own, so that a test can bind them without Ribbon. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties
	public static class Properties {

		/**
		 * {@code @Validated} here rather than on the class, which Spring Boot's method validation would wrap in a
		 * proxy checking every getter call: microseconds each, several times per request.
		 */
		@Bean
		@Validated
		public GatewayProperties gatewayProperties() {
			return new GatewayProperties();
		}
	}
}
