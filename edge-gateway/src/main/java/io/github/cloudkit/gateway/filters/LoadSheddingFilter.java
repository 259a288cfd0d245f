package io.github.cloudkit.gateway.filters;

import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.PRE_TYPE;
import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.PROXY_KEY;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.netflix.zuul.ZuulFilter;
import com.netflix.zuul.context.RequestContext;

import io.github.cloudkit.gateway.GatewayProperties;
import io.github.cloudkit.gateway.errors.PreFilterRejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Bounds the requests in flight per route ({@code kit.gateway.max-in-flight-per-route}, read per request, so a
 * refresh changes it at once). Beyond the bound the gateway answers 503 with {@code Retry-After} immediately
 * instead of queueing behind a slow backend and tying up its own threads.
 * <p>
 * The permit taken here is handed back by {@link InFlightReleaseFilter}, a servlet filter around the whole
 * request, so it is released on every path: success, fallback, an exception in any Zuul filter, a client that
 * went away.
 */
@Component
public class LoadSheddingFilter extends ZuulFilter {

	/** Request attribute holding the {@link Permit} of a request that got one. */
	public static final String PERMIT_ATTRIBUTE = LoadSheddingFilter.class.getName() + ".permit";

	private static final Logger log = LoggerFactory.getLogger(LoadSheddingFilter.class);

	private final GatewayProperties properties;

	private final MeterRegistry meters;

	private final ConcurrentMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	public LoadSheddingFilter(GatewayProperties properties, ObjectProvider<MeterRegistry> meters) {
		this.properties = properties;
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
	}

	@Override
	public String filterType() {
		return PRE_TYPE;
	}

	@Override
	public int filterOrder() {
		return FilterOrder.LOAD_SHEDDING;
	}

	@Override
	public boolean shouldFilter() {
		RequestContext ctx = RequestContext.getCurrentContext();
		return ctx.sendZuulResponse() && ctx.get(PROXY_KEY) != null;
	}

	@Override
	public Object run() {
		RequestContext ctx = RequestContext.getCurrentContext();
		String route = (String) ctx.get(PROXY_KEY);
		int bound = properties.getMaxInFlightPerRoute();
		AtomicInteger counter = counterFor(route);
		int now = counter.incrementAndGet();
		if (bound > 0 && now > bound) {
			counter.decrementAndGet();
			meters.counter("gateway.requests.shed", "route", route).increment();
			log.debug("Shedding a request to route {}: {} in flight, bound {}", route, now - 1, bound);
			PreFilterRejection.reject(ctx, HttpStatus.SERVICE_UNAVAILABLE.value(), route,
					"the route has too many requests in flight; retry shortly", properties.getShedRetryAfter());
			return null;
		}
		ctx.getRequest().setAttribute(PERMIT_ATTRIBUTE, new Permit(counter));
		return null;
	}

	/** Requests of the route now in flight (for tests and the {@code gateway.requests.inflight} gauge). */
	public int inFlight(String route) {
		AtomicInteger counter = inFlight.get(route);
		return counter == null ? 0 : counter.get();
	}

	private AtomicInteger counterFor(String route) {
		return inFlight.computeIfAbsent(route, name -> {
			AtomicInteger counter = new AtomicInteger();
			Gauge.builder("gateway.requests.inflight", counter, AtomicInteger::get).tag("route", name)
					.description("Requests of the route the gateway is handling now").register(meters);
			Counter.builder("gateway.requests.shed").tag("route", name)
					.description("Requests answered 503 at once because the route was at its in-flight bound")
					.register(meters);
			return counter;
		});
	}

	/** One slot of a route's bound; releasing it twice is harmless. */
	public static final class Permit {

		private final AtomicInteger counter;

		private final AtomicBoolean released = new AtomicBoolean();

		Permit(AtomicInteger counter) {
			this.counter = counter;
		}

		public void release() {
			if (released.compareAndSet(false, true)) {
				counter.decrementAndGet();
			}
		}
	}
}
