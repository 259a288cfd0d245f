package io.github.cloudkit.gateway;

import java.time.Duration;

import javax.validation.Valid;
import javax.validation.constraints.DecimalMax;
import javax.validation.constraints.DecimalMin;
import javax.validation.constraints.Min;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;

import io.github.cloudkit.support.PropertyDefaults;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings, {@code kit.gateway.*}. The defaults are here and only here; the config repo
 * (config-repo/edge-gateway.yml, edge-gateway-&lt;profile&gt;.yml) sets what differs. Spring Cloud rebinds this bean
 * after {@code POST /actuator/refresh}; every user reads it per request, so a change applies at once. Fields are
 * volatile because the rebinding thread is not the request threads. A value out of its bounds fails the start
 * (or the refresh) with Spring Boot's binding error: the bean is validated where it is defined,
 * {@link GatewayConfiguration.Properties}.
 */
@ConfigurationProperties(prefix = "kit.gateway")
public class GatewayProperties implements DisposableBean {

	/**
	 * Requests a single route may have in flight before the gateway answers 503 with Retry-After at once instead
	 * of queueing behind a slow backend; 0: no bound. Below zuul.semaphore.max-semaphores and the Hystrix
	 * fallback bound, so the gateway's own answer comes first.
	 */
	@Min(0)
	private volatile int maxInFlightPerRoute = 100;

	/** The Retry-After a shed request is told (whole seconds, at least 1). */
	@NotNull
	private volatile Duration shedRetryAfter = Duration.ofSeconds(1);

	/** The largest request body the gateway forwards; a larger declared Content-Length gets 413 before it is read. */
	@NotNull
	private volatile DataSize maxRequestBody = DataSize.ofMegabytes(10);

	/**
	 * The largest request body kept in memory so that a request may be sent again to the next instance; a larger
	 * body, or one of unknown length (chunked), is streamed to a single instance and never retried, so uploads
	 * cannot fill the gateway's heap.
	 */
	@NotNull
	private volatile DataSize maxReplayableBody = DataSize.ofKilobytes(64);

	@Valid
	private final RateLimit rateLimit = new RateLimit();

	@Valid
	private final Canary canary = new Canary();

	public int getMaxInFlightPerRoute() {
		return maxInFlightPerRoute;
	}

	public void setMaxInFlightPerRoute(int maxInFlightPerRoute) {
		this.maxInFlightPerRoute = maxInFlightPerRoute;
	}

	public Duration getShedRetryAfter() {
		return shedRetryAfter;
	}

	public void setShedRetryAfter(Duration shedRetryAfter) {
		this.shedRetryAfter = shedRetryAfter;
	}

	public DataSize getMaxRequestBody() {
		return maxRequestBody;
	}

	public void setMaxRequestBody(DataSize maxRequestBody) {
		this.maxRequestBody = maxRequestBody;
	}

	public DataSize getMaxReplayableBody() {
		return maxReplayableBody;
	}

	public void setMaxReplayableBody(DataSize maxReplayableBody) {
		this.maxReplayableBody = maxReplayableBody;
	}

	public RateLimit getRateLimit() {
		return rateLimit;
	}

	public Canary getCanary() {
		return canary;
	}

	/** Called by Spring Cloud's rebinder just before it binds again: a setting no longer configured takes its default. */
	@Override
	public void destroy() {
		PropertyDefaults.restore(this);
	}

	/** A token bucket per client: {@code capacity} requests at once, refilled at {@code refillPerSecond}. */
	public static class RateLimit {

		/** Whether clients are rate limited at all; profile "ratelimit" (edge-gateway-ratelimit.yml) turns it on. */
		private volatile boolean enabled = false;

		/** The burst a client may send at once: the bucket's size. */
		@Min(1)
		private volatile long capacity = 100;

		/** Requests a second a client may send once its burst is spent. */
		@Min(1)
		private volatile long refillPerSecond = 50;

		/**
		 * At most this many client buckets are kept, the least recently used dropped first, so a flood of distinct
		 * keys costs bounded memory.
		 */
		@Min(1)
		private volatile long maxClients = 10_000;

		/** The header that names a client; without it the client is its remote address. */
		@NotBlank
		private volatile String keyHeader = "X-API-Key";

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getCapacity() {
			return capacity;
		}

		public void setCapacity(long capacity) {
			this.capacity = capacity;
		}

		public long getRefillPerSecond() {
			return refillPerSecond;
		}

		public void setRefillPerSecond(long refillPerSecond) {
			this.refillPerSecond = refillPerSecond;
		}

		public long getMaxClients() {
			return maxClients;
		}

		public void setMaxClients(long maxClients) {
			this.maxClients = maxClients;
		}

		public String getKeyHeader() {
			return keyHeader;
		}

		public void setKeyHeader(String keyHeader) {
			this.keyHeader = keyHeader;
		}
	}

	/** Instances whose metadata has {@code metadataKey: metadataValue} get {@code share} of their route's traffic. */
	public static class Canary {

		/**
		 * Share of a route's traffic for its canary instances, 0.0 to 1.0; 0 takes them out of traffic. A canary
		 * is started on purpose (with the metadata below), so by default it gets a small share: 10 %.
		 */
		@DecimalMin("0.0")
		@DecimalMax("1.0")
		private volatile double share = 0.1;

		/** The Eureka metadata key that marks a canary (eureka.instance.metadata-map.version=canary). */
		@NotBlank
		private volatile String metadataKey = "version";

		/** The value of that key that marks a canary (compared ignoring case). */
		@NotBlank
		private volatile String metadataValue = "canary";

		public double getShare() {
			return share;
		}

		public void setShare(double share) {
			this.share = share;
		}

		public String getMetadataKey() {
			return metadataKey;
		}

		public void setMetadataKey(String metadataKey) {
			this.metadataKey = metadataKey;
		}

		public String getMetadataValue() {
			return metadataValue;
		}

		public void setMetadataValue(String metadataValue) {
			this.metadataValue = metadataValue;
		}
	}
}
