package io.github.cloudkit.gateway.route;

import com.netflix.client.config.IClientConfig;

import org.springframework.cloud.netflix.ribbon.apache.RibbonApacheHttpRequest;
import org.springframework.cloud.netflix.ribbon.apache.RibbonApacheHttpResponse;
import org.springframework.cloud.netflix.ribbon.apache.RibbonLoadBalancingHttpClient;
import org.springframework.cloud.netflix.ribbon.support.RibbonCommandContext;
import org.springframework.cloud.netflix.zuul.filters.ZuulProperties;
import org.springframework.cloud.netflix.zuul.filters.route.FallbackProvider;
import org.springframework.cloud.netflix.zuul.filters.route.support.AbstractRibbonCommand;

/**
 * One proxied call: Spring Cloud's Ribbon command over Apache HttpClient (its run, timeout and fallback are
 * unchanged), built from the service's {@link ServiceRoutes.Route} instead of looking everything up again.
 * A Hystrix command runs once, so there is still one per request.
 */
class RouteCommand
		extends AbstractRibbonCommand<RibbonLoadBalancingHttpClient, RibbonApacheHttpRequest, RibbonApacheHttpResponse> {

	RouteCommand(Setter setter, RibbonLoadBalancingHttpClient client, RibbonCommandContext context,
			FallbackProvider fallback, IClientConfig config) {
		super(setter, client, context, fallback, config);
	}

	/** Spring Cloud's Hystrix settings for a route: its timeout rule and semaphore bound, read from Archaius. */
	static Setter settingsFor(String serviceId, ZuulProperties zuul, IClientConfig config) {
		return getSetter(serviceId, zuul, config);
	}

	@Override
	protected RibbonApacheHttpRequest createRequest() {
		return new RibbonApacheHttpRequest(this.context);
	}
}
