package io.github.cloudkit.gateway.ribbon;

import com.netflix.loadbalancer.Server;
import com.netflix.zuul.context.RequestContext;

import io.github.cloudkit.gateway.filters.ServedByHeaderFilter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryContext;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancerClient;
import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.listener.RetryListenerSupport;

/**
 * Listens to the retry loop around each upstream call. On success it records which instance answered in Zuul's
 * request context (read by {@link ServedByHeaderFilter}); with SEMAPHORE isolation the call runs on the
 * request's own thread, where that context lives. Each failed attempt is counted in
 * {@code gateway.upstream.attempt.failures}, so retries that saved a request are visible in metrics.
 */
public class ServedInstanceRecorder extends RetryListenerSupport {

	private static final Logger log = LoggerFactory.getLogger(ServedInstanceRecorder.class);

	private final String service;

	private final MeterRegistry meters;

	public ServedInstanceRecorder(String service, MeterRegistry meters) {
		this.service = service;
		this.meters = meters;
	}

	@Override
	public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
			Throwable throwable) {
		// No instance named here: by now the retry policy has already put the next one in the context.
		log.info("Attempt {} to {} failed: {}", context.getRetryCount(), service, throwable.toString());
		meters.counter("gateway.upstream.attempt.failures", "service", service, "exception",
				throwable.getClass().getSimpleName()).increment();
	}

	@Override
	public <T, E extends Throwable> void close(RetryContext context, RetryCallback<T, E> callback,
			Throwable throwable) {
		ServiceInstance instance = instanceOf(context);
		if (throwable == null && instance != null) {
			RequestContext.getCurrentContext().set(ServedByHeaderFilter.SERVED_BY_KEY, describe(instance));
		}
	}

	private static ServiceInstance instanceOf(RetryContext context) {
		return context instanceof LoadBalancedRetryContext
				? ((LoadBalancedRetryContext) context).getServiceInstance() : null;
	}

	/** The Eureka instance id when there is one, else host:port. */
	static String describe(ServiceInstance instance) {
		if (instance == null) {
			return "none";
		}
		if (instance instanceof RibbonLoadBalancerClient.RibbonServer) {
			Server server = ((RibbonLoadBalancerClient.RibbonServer) instance).getServer();
			String id = server.getMetaInfo() == null ? null : server.getMetaInfo().getInstanceId();
			return id != null ? id : server.getHostPort();
		}
		return instance.getHost() + ":" + instance.getPort();
	}
}
