package io.github.cloudkit.gateway.ribbon;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryPolicy;
import org.springframework.cloud.client.loadbalancer.ServiceInstanceChooser;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancedRetryFactory;
import org.springframework.cloud.netflix.ribbon.SpringClientFactory;
import org.springframework.retry.RetryListener;

/**
 * Replaces Spring Cloud's retry factory (it backs off when a bean of this type exists): the Ribbon retry loop
 * gets {@link IdempotentRetryPolicy} and {@link ServedInstanceRecorder}.
 */
public class IdempotentRetryFactory extends RibbonLoadBalancedRetryFactory {

	private final SpringClientFactory clients;

	private final MeterRegistry meters;

	public IdempotentRetryFactory(SpringClientFactory clients, MeterRegistry meters) {
		super(clients);
		this.clients = clients;
		this.meters = meters;
	}

	@Override
	public LoadBalancedRetryPolicy createRetryPolicy(String service, ServiceInstanceChooser chooser) {
		return new IdempotentRetryPolicy(service, clients.getLoadBalancerContext(service), chooser,
				clients.getClientConfig(service));
	}

	@Override
	public RetryListener[] createRetryListeners(String service) {
		return new RetryListener[] { new ServedInstanceRecorder(service, meters) };
	}
}
