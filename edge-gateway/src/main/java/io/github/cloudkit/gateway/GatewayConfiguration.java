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
import org.springframework.validation.annotation.Validated;

/** Wiring that is not a filter: the gateway's properties, the canary rule for every Ribbon client, the retry factory. */
@Configuration(proxyBeanMethods = false)
@RibbonClients(defaultConfiguration = CanaryRibbonConfiguration.class)
public class GatewayConfiguration {

	@Bean
	public LoadBalancedRetryFactory idempotentRetryFactory(SpringClientFactory clients, MeterRegistry meters) {
		return new IdempotentRetryFactory(clients, meters);
	}

	/** The properties on their own, so that a test can bind them without Ribbon. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties
	public static class Properties {

		/**
		 * {@code @Validated} here rather than on the class, which Spring Boot's method validation would wrap in a
		 * proxy checking every getter call: microseconds each, several times per request.
		 */
		@Bean
		@Validated
		public GatewayProperties gatewayProperties() {
			return new GatewayProperties();
		}
	}
}
