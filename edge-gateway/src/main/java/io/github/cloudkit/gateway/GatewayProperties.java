package io.github.cloudkit.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's own settings ({@code kit.gateway.*} in config-repo/edge-gateway.yml). Spring Cloud rebinds this
 * bean after {@code POST /actuator/refresh}; every user reads it per request, so a change applies at once.
 * Fields are volatile because the rebinding thread is not the request threads.
 */
@ConfigurationProperties(prefix = "kit.gateway")
public class GatewayProperties {

	/** Requests a single route may have in flight before the gateway answers 503 at once; 0 or less: no bound. */
	private volatile int maxInFlightPerRoute = 100;

	/** The {@code Retry-After} a shed request is told. */
	private volatile Duration shedRetryAfter = Duration.ofSeconds(1);

	/** The largest request body the gateway forwards; a larger declared Content-Length gets 413 at once. */
	private volatile org.springframework.util.unit.DataSize maxRequestBody = org.springframework.util.unit.DataSize.ofMegabytes(10);

	/**
	 * The largest request body kept in memory so that a request may be sent again to the next instance; a larger
	 * body, or one of unknown length (chunked), is streamed to a single instance and never retried.
	 */
	private volatile org.springframework.util.unit.DataSize maxReplayableBody = org.springframework.util.unit.DataSize.ofKilobytes(64);

	private final RateLimit rateLimit = new RateLimit();

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

	public org.springframework.util.unit.DataSize getMaxRequestBody() {
		return maxRequestBody;
	}

	public void setMaxRequestBody(org.springframework.util.unit.DataSize maxRequestBody) {
		this.maxRequestBody = maxRequestBody;
	}

	public org.springframework.util.unit.DataSize getMaxReplayableBody() {
		return maxReplayableBody;
	}

	public void setMaxReplayableBody(org.springframework.util.unit.DataSize maxReplayableBody) {
		this.maxReplayableBody = maxReplayableBody;
	}

	public RateLimit getRateLimit() {
		return rateLimit;
	}

	public Canary getCanary() {
		return canary;
	}

	/** A token bucket per client: {@code capacity} requests at once, refilled at {@code refillPerSecond}. */
	public static class RateLimit {

		private volatile boolean enabled = false;

		private volatile long capacity = 100;

		private volatile long refillPerSecond = 50;

		/** At most this many client buckets are kept; the least recently used go first. */
		private volatile long maxClients = 10_000;

		/** The header that names a client; without it the client is its remote address. */
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

		/** 0.0 to 1.0; values outside are clamped. */
		private volatile double share = 0.0;

		private volatile String metadataKey = "version";

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
