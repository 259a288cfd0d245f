package io.github.cloudkit.gateway.filters;

import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.PRE_TYPE;
import static org.springframework.cloud.netflix.zuul.filters.support.FilterConstants.PROXY_KEY;

import java.time.Duration;
import java.util.Objects;

import javax.servlet.http.HttpServletRequest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.netflix.zuul.ZuulFilter;
import com.netflix.zuul.context.RequestContext;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.cloudkit.gateway.GatewayProperties;
import io.github.cloudkit.gateway.errors.PreFilterRejection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Per-client rate limit with a Bucket4j token bucket: a client (its {@code X-API-Key}, else its remote address)
 * may send {@code capacity} requests at once and {@code refill-per-second} after that; beyond, 429 with
 * {@code Retry-After} (the seconds until its next token). Off unless {@code kit.gateway.rate-limit.enabled}
 * (profile {@code ratelimit}).
 * <p>
 * The buckets live in a Caffeine cache bounded by {@code max-clients} (least recently used evicted first), so a
 * flood of distinct keys costs bounded memory. An idle bucket expires once it would have refilled completely:
 * a new bucket is then the same as the old one, so expiry never gives a client more than it had. When the
 * limits change (refresh), the buckets start over with the new limits.
 */
@Component
public class RateLimitFilter extends ZuulFilter {

	public static final String REMAINING_HEADER = "X-RateLimit-Remaining";

	private final GatewayProperties properties;

	private final MeterRegistry meters;

	private volatile Buckets buckets;

	public RateLimitFilter(GatewayProperties properties, ObjectProvider<MeterRegistry> meters) {
		this.properties = properties;
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
	}

	@Override
	public String filterType() {
		return PRE_TYPE;
	}

	@Override
	public int filterOrder() {
		return FilterOrder.RATE_LIMIT;
	}

	@Override
	public boolean shouldFilter() {
		return properties.getRateLimit().isEnabled() && RequestContext.getCurrentContext().sendZuulResponse();
	}

	@Override
	public Object run() {
		RequestContext ctx = RequestContext.getCurrentContext();
		Bucket bucket = currentBuckets().bucketFor(clientKey(ctx.getRequest()));
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			ctx.getResponse().setHeader(REMAINING_HEADER, String.valueOf(probe.getRemainingTokens()));
			return null;
		}
		String route = (String) ctx.get(PROXY_KEY);
		meters.counter("gateway.requests.ratelimited", "route", String.valueOf(route)).increment();
		ctx.getResponse().setHeader(REMAINING_HEADER, "0");
		PreFilterRejection.reject(ctx, HttpStatus.TOO_MANY_REQUESTS.value(), route,
				"rate limit exceeded for this client", Duration.ofNanos(probe.getNanosToWaitForRefill()));
		return null;
	}

	/** {@code key:<api key>} when the header is there, else {@code addr:<remote address>}. */
	String clientKey(HttpServletRequest request) {
		String apiKey = request.getHeader(properties.getRateLimit().getKeyHeader());
		return StringUtils.hasText(apiKey) ? "key:" + apiKey.trim() : "addr:" + request.getRemoteAddr();
	}

	/** Number of client buckets held now (bounded by max-clients). */
	long clientsTracked() {
		Buckets current = buckets;
		if (current == null) {
			return 0;
		}
		current.cache.cleanUp();
		return current.cache.estimatedSize();
	}

	private Buckets currentBuckets() {
		Limits wanted = Limits.of(properties.getRateLimit());
		Buckets current = buckets;
		if (current == null || !current.limits.equals(wanted)) {
			synchronized (this) {
				current = buckets;
				if (current == null || !current.limits.equals(wanted)) {
					current = new Buckets(wanted);
					buckets = current;
				}
			}
		}
		return current;
	}

	private static final class Buckets {

		final Limits limits;

		final Cache<String, Bucket> cache;

		Buckets(Limits limits) {
			this.limits = limits;
			this.cache = Caffeine.newBuilder()
					.maximumSize(limits.maxClients)
					.expireAfterAccess(limits.timeToFull())
					.build();
		}

		Bucket bucketFor(String client) {
			return cache.get(client, key -> Bucket.builder()
					.addLimit(Bandwidth.builder()
							.capacity(limits.capacity)
							.refillGreedy(limits.refillPerSecond, Duration.ofSeconds(1))
							.build())
					.build());
		}
	}

	private static final class Limits {

		final long capacity;

		final long refillPerSecond;

		final long maxClients;

		private Limits(long capacity, long refillPerSecond, long maxClients) {
			this.capacity = capacity;
			this.refillPerSecond = refillPerSecond;
			this.maxClients = maxClients;
		}

		static Limits of(GatewayProperties.RateLimit settings) {
			return new Limits(settings.getCapacity(), settings.getRefillPerSecond(), settings.getMaxClients());
		}

		/** How long an empty bucket takes to fill up again, rounded up to whole seconds. */
		Duration timeToFull() {
			return Duration.ofSeconds((capacity + refillPerSecond - 1) / refillPerSecond);
		}

		@Override
		public boolean equals(Object other) {
			if (!(other instanceof Limits)) {
				return false;
			}
			Limits that = (Limits) other;
			return capacity == that.capacity && refillPerSecond == that.refillPerSecond
					&& maxClients == that.maxClients;
		}

		@Override
		public int hashCode() {
			return Objects.hash(capacity, refillPerSecond, maxClients);
		}
	}
}
