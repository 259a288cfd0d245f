package io.github.cloudkit.gateway.ribbon;

import com.netflix.client.config.IClientConfig;
import com.netflix.loadbalancer.DynamicServerListLoadBalancer;
import com.netflix.loadbalancer.ILoadBalancer;
import com.netflix.loadbalancer.IPing;
import com.netflix.loadbalancer.IRule;
import com.netflix.loadbalancer.Server;
import com.netflix.loadbalancer.ServerList;
import com.netflix.loadbalancer.ServerListFilter;
import com.netflix.loadbalancer.ServerListUpdater;

import io.github.cloudkit.gateway.GatewayProperties;
import org.springframework.cloud.netflix.ribbon.ServerIntrospector;
import org.springframework.context.annotation.Bean;

/**
 * Ribbon client configuration for every client (see {@code @RibbonClients(defaultConfiguration = ...)} in
 * {@link io.github.cloudkit.gateway.GatewayConfiguration}). Deliberately not a {@code @Configuration}: it
 * belongs in each Ribbon client's child context, never in the main one where component scanning would find it.
 * The properties bean comes from the main context (the parent), so a refresh reaches every client's rule.
 */
public class CanaryRibbonConfiguration {

	@Bean
	public IRule canaryAwareRule(IClientConfig config, ServerIntrospector introspector,
			GatewayProperties properties) {
		CanaryAwareRule rule = new CanaryAwareRule(properties::getCanary, introspector);
		rule.initWithNiwsConfig(config);
		return rule;
	}

	/**
	 * Spring Cloud's default, ZoneAwareLoadBalancer, builds one more load balancer per zone with a copy of the
	 * rule made by its no-argument constructor, which would know nothing of the canary settings. This one
	 * uses the rule above for every pick; the server list filter (same-zone preference) still applies.
	 */
	@Bean
	public ILoadBalancer ribbonLoadBalancer(IClientConfig config, ServerList<Server> serverList,
			ServerListFilter<Server> serverListFilter, IRule rule, IPing ping, ServerListUpdater updater) {
		return new DynamicServerListLoadBalancer<>(config, rule, ping, serverList, serverListFilter, updater);
	}
}
