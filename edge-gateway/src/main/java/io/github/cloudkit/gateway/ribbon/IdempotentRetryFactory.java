package io.github.cloudkit.gateway.ribbon;

import io.github.cloudkit.gateway.route.ServiceRoutes;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryPolicy;
import org.springframework.cloud.client.loadbalancer.ServiceInstanceChooser;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancedRetryFactory;
import org.springframework.cloud.netflix.ribbon.SpringClientFactory;
import org.springframework.retry.RetryListener;

/**
 * Replaces Spring Cloud's retry factory (it backs off when a bean of this type exists): the Ribbon retry loop
 * gets {@link IdempotentRetryPolicy} and {@link ServedInstanceRecorder}. The policy counts one request's
 * attempts, so there is one per request; what it is built from comes from the service's
 * {@link ServiceRoutes.Route}, looked up and read once.
 */
public class IdempotentRetryFactory extends RibbonLoadBalancedRetryFactory {

	private final ServiceRoutes routes;

	public IdempotentRetryFactory(SpringClientFactory clients, ServiceRoutes routes) {
		super(clients);
		this.routes = routes;
	}

	@Override
	public LoadBalancedRetryPolicy createRetryPolicy(String service, ServiceInstanceChooser chooser) {
		ServiceRoutes.Route route = routes.of(service);
		return new IdempotentRetryPolicy(service, route.loadBalancerContext(), chooser, route.config());
	}

	@Override
	public RetryListener[] createRetryListeners(String service) {
		return routes.of(service).retryListeners();
	}
}
