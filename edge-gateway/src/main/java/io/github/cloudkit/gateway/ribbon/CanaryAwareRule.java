package io.github.cloudkit.gateway.ribbon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.netflix.client.config.IClientConfig;
import com.netflix.loadbalancer.AbstractLoadBalancerRule;
import com.netflix.loadbalancer.AvailabilityPredicate;
import com.netflix.loadbalancer.ILoadBalancer;
import com.netflix.loadbalancer.PredicateKey;
import com.netflix.loadbalancer.Server;

import io.github.cloudkit.gateway.GatewayProperties;
import org.springframework.cloud.netflix.ribbon.ServerIntrospector;

/**
 * Round robin that sends a configurable share of a route's traffic to canary instances (those whose Eureka
 * metadata has {@code version: canary}, see {@code kit.gateway.canary}).
 * <ul>
 * <li>No canary instance: plain round robin over the others.</li>
 * <li>Share 0: canaries get nothing, even if they are the only instances (share 0 is how a canary is taken
 * out of traffic).</li>
 * <li>Share s &gt; 0: exactly s of the picks (counted, not drawn at random: over any 1,000 picks at 0.1 the
 * canaries get 100) go round robin over the canaries, the rest round robin over the others; when only canaries
 * are left they get everything.</li>
 * </ul>
 * The share is read on every pick, so a refresh changes it at once. Like Spring Cloud's default rule it skips
 * servers whose Ribbon circuit breaker is tripped (successive connection failures), unless that leaves none.
 */
public class CanaryAwareRule extends AbstractLoadBalancerRule {

	private static final long PARTS = 1_000_000L;

	private final Supplier<GatewayProperties.Canary> settings;

	private final ServerIntrospector introspector;

	private final AtomicLong picks = new AtomicLong();

	private final AtomicInteger nextStable = new AtomicInteger();

	private final AtomicInteger nextCanary = new AtomicInteger();

	private volatile AvailabilityPredicate availability;

	public CanaryAwareRule(Supplier<GatewayProperties.Canary> settings, ServerIntrospector introspector) {
		this.settings = settings;
		this.introspector = introspector;
	}

	@Override
	public void initWithNiwsConfig(IClientConfig clientConfig) {
		this.availability = new AvailabilityPredicate(this, clientConfig);
	}

	@Override
	public Server choose(Object key) {
		ILoadBalancer loadBalancer = getLoadBalancer();
		if (loadBalancer == null) {
			return null;
		}
		List<Server> candidates = available(loadBalancer.getReachableServers(), key);
		if (candidates.isEmpty()) {
			return null;
		}
		GatewayProperties.Canary canary = settings.get();
		List<Server> stable = new ArrayList<>(candidates.size());
		List<Server> canaries = new ArrayList<>(1);
		for (Server server : candidates) {
			(isCanary(server, canary) ? canaries : stable).add(server);
		}
		long share = shareInParts(canary.getShare());
		if (canaries.isEmpty()) {
			return roundRobin(stable, nextStable);
		}
		if (share == 0) {
			return stable.isEmpty() ? null : roundRobin(stable, nextStable);
		}
		if (stable.isEmpty() || canaryTurn(share)) {
			return roundRobin(canaries, nextCanary);
		}
		return roundRobin(stable, nextStable);
	}

	boolean isCanary(Server server, GatewayProperties.Canary canary) {
		Map<String, String> metadata = introspector.getMetadata(server);
		return metadata != null && canary.getMetadataValue().equalsIgnoreCase(metadata.get(canary.getMetadataKey()));
	}

	/**
	 * Pick n is a canary's turn when floor((n+1)·share) &gt; floor(n·share): exactly share·N of N picks, spread
	 * evenly. Integer arithmetic in millionths, so 0.1 means exactly one in ten.
	 */
	private boolean canaryTurn(long share) {
		long n = picks.getAndIncrement();
		return (n + 1) * share / PARTS > n * share / PARTS;
	}

	/** The share is bound within 0 to 1 ({@link GatewayProperties.Canary}). */
	private static long shareInParts(double share) {
		return Math.round(share * PARTS);
	}

	private List<Server> available(List<Server> servers, Object key) {
		if (servers == null || servers.isEmpty()) {
			return Collections.emptyList();
		}
		AvailabilityPredicate predicate = availability;
		if (predicate == null) {
			return servers;
		}
		List<Server> healthy = new ArrayList<>(servers.size());
		for (Server server : servers) {
			if (predicate.apply(new PredicateKey(key, server))) {
				healthy.add(server);
			}
		}
		return healthy.isEmpty() ? servers : healthy;
	}

	private static Server roundRobin(List<Server> servers, AtomicInteger next) {
		return servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
	}
}
