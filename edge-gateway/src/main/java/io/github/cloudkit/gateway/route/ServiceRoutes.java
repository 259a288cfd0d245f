package io.github.cloudkit.gateway.route;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.netflix.client.config.CommonClientConfigKey;
import com.netflix.client.config.DefaultClientConfigImpl;
import com.netflix.client.config.IClientConfig;
import com.netflix.client.config.IClientConfigKey;
import com.netflix.hystrix.HystrixCommand;

import io.github.cloudkit.gateway.ribbon.ServedInstanceRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancerContext;
import org.springframework.cloud.netflix.ribbon.SpringClientFactory;
import org.springframework.cloud.netflix.ribbon.apache.RibbonLoadBalancingHttpClient;
import org.springframework.cloud.netflix.zuul.filters.ZuulProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.retry.RetryListener;

/**
 * What every proxied call to one service shares, built on the first call and kept until the configuration
 * changes. Spring Cloud's route path built or looked it up on every request: the Ribbon client, load balancer,
 * client configuration and load balancer context (bean lookups by type in the service's Ribbon context), the
 * Hystrix settings (seven Archaius reads), the retry listeners, and every Ribbon setting (timeouts, retries,
 * secure, redirects, gzip) read through Archaius by the client and the retry policy, twice or more each.
 * Here the settings are read once into a {@link Route#config snapshot}; any {@link EnvironmentChangeEvent}
 * (a refresh that changed a property) drops every route, so a changed setting applies from the next request,
 * as it did before.
 */
public class ServiceRoutes implements ApplicationListener<EnvironmentChangeEvent> {

	private static final Logger log = LoggerFactory.getLogger(ServiceRoutes.class);

	private final SpringClientFactory clients;

	private final ZuulProperties zuul;

	private final MeterRegistry meters;

	private final Map<String, Route> routes = new ConcurrentHashMap<>();

	public ServiceRoutes(SpringClientFactory clients, ZuulProperties zuul, MeterRegistry meters) {
		this.clients = clients;
		this.zuul = zuul;
		this.meters = meters;
	}

	public Route of(String serviceId) {
		return routes.computeIfAbsent(serviceId, this::build);
	}

	private Route build(String serviceId) {
		RibbonLoadBalancingHttpClient client = clients.getClient(serviceId, RibbonLoadBalancingHttpClient.class);
		client.setLoadBalancer(clients.getLoadBalancer(serviceId));
		IClientConfig config = snapshot(clients.getClientConfig(serviceId));
		log.debug("Route to {}: Ribbon client, settings and Hystrix settings read", serviceId);
		return new Route(client, config, clients.getLoadBalancerContext(serviceId),
				RouteCommand.settingsFor(serviceId, zuul, config),
				new RetryListener[] { new ServedInstanceRecorder(serviceId, meters) });
	}

	/**
	 * Every Ribbon setting's current value, in a configuration that reads them from its own map, not Archaius
	 * (Ribbon's no-argument constructor turns its dynamic properties off).
	 */
	static IClientConfig snapshot(IClientConfig live) {
		DefaultClientConfigImpl copy = new DefaultClientConfigImpl(live.getNameSpace());
		copy.setClientName(live.getClientName());
		for (IClientConfigKey<?> key : CommonClientConfigKey.values()) {
			copyValue(live, copy, key);
		}
		return copy;
	}

	private static <T> void copyValue(IClientConfig live, DefaultClientConfigImpl copy, IClientConfigKey<T> key) {
		Object value = live.getProperty(key);
		if (value == null) {
			return;
		}
		try {
			copy.set(key, key.type().isInstance(value) ? key.type().cast(value) : live.get(key));
		}
		catch (IllegalArgumentException notOfItsType) {
			// Ribbon converts only to a few types; a value it cannot convert stays as it was read.
			copy.setProperty(key, value);
		}
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		if (!event.getKeys().isEmpty()) {
			routes.clear();
		}
	}

	/** One service's share of the route path; read-only once built. */
	public static final class Route {

		final RibbonLoadBalancingHttpClient client;

		final IClientConfig config;

		final RibbonLoadBalancerContext loadBalancerContext;

		final HystrixCommand.Setter hystrix;

		/** Read by Spring Retry, never changed; the recorder keeps no state of its own. */
		final RetryListener[] retryListeners;

		Route(RibbonLoadBalancingHttpClient client, IClientConfig config, RibbonLoadBalancerContext loadBalancerContext,
				HystrixCommand.Setter hystrix, RetryListener[] retryListeners) {
			this.client = client;
			this.config = config;
			this.loadBalancerContext = loadBalancerContext;
			this.hystrix = hystrix;
			this.retryListeners = retryListeners;
		}

		public IClientConfig config() {
			return config;
		}

		public RibbonLoadBalancerContext loadBalancerContext() {
			return loadBalancerContext;
		}

		public RetryListener[] retryListeners() {
			return retryListeners;
		}
	}
}
