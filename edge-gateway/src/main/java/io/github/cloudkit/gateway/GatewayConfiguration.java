package io.github.cloudkit.gateway;

import io.github.cloudkit.gateway.ribbon.CanaryRibbonConfiguration;
import io.github.cloudkit.gateway.ribbon.IdempotentRetryFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryFactory;
import org.springframework.cloud.netflix.ribbon.RibbonClients;
import org.springframework.cloud.netflix.ribbon.SpringClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring that is not a filter: the gateway's properties, the canary rule for every Ribbon client, the retry factory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
@RibbonClients(defaultConfiguration = CanaryRibbonConfiguration.class)
public class GatewayConfiguration {

	@Bean
	public LoadBalancedRetryFactory idempotentRetryFactory(SpringClientFactory clients, MeterRegistry meters) {
		return new IdempotentRetryFactory(clients, meters);
	}
}
