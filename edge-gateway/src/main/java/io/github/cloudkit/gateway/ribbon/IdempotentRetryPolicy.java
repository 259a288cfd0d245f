package io.github.cloudkit.gateway.ribbon;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Set;

import com.netflix.client.config.IClientConfig;

import org.apache.http.conn.ConnectTimeoutException;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryContext;
import org.springframework.cloud.client.loadbalancer.ServiceInstanceChooser;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancedRetryPolicy;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancerContext;
import org.springframework.http.HttpMethod;

/**
 * Ribbon's retry policy retries only GET (or everything, with {@code OkToRetryOnAllOperations}). This one
 * retries the idempotent methods GET, HEAD and OPTIONS on any failure, and any other method only when the
 * failure proves the request never reached a server (connection refused, connect timeout, no route): such a
 * POST is safe to send to the next instance; one that timed out reading the answer is not.
 */
public class IdempotentRetryPolicy extends RibbonLoadBalancedRetryPolicy {

	static final Set<HttpMethod> IDEMPOTENT = EnumSet.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private final RibbonLoadBalancerContext lbContext;

	public IdempotentRetryPolicy(String serviceId, RibbonLoadBalancerContext lbContext,
			ServiceInstanceChooser chooser, IClientConfig clientConfig) {
		super(serviceId, lbContext, chooser, clientConfig);
		this.lbContext = lbContext;
	}

	@Override
	public boolean canRetry(LoadBalancedRetryContext context) {
		HttpMethod method = context.getRequest() == null ? null : context.getRequest().getMethod();
		return IDEMPOTENT.contains(method) || lbContext.isOkToRetryOnAllOperations()
				|| neverReachedServer(context.getLastThrowable());
	}

	static boolean neverReachedServer(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof ConnectException || t instanceof ConnectTimeoutException
					|| t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
				return true;
			}
		}
		return false;
	}
}
