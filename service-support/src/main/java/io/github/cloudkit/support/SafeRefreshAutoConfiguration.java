package io.github.cloudkit.support;

import java.util.Collection;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshEndpointAutoConfiguration;
import org.springframework.cloud.endpoint.RefreshEndpoint;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every refresh of a kit service applies a configuration whole or not at all ({@link SafeContextRefresher}), and a
 * service on the bus refreshes when it is back on the broker ({@link RefreshOnReconnect}). Not in the config
 * server, which serves the repository rather than reading it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ContextRefresher.class)
@ConditionalOnMissingClass("org.springframework.cloud.config.server.EnableConfigServer")
@AutoConfigureBefore({ RefreshAutoConfiguration.class, RefreshEndpointAutoConfiguration.class })
public class SafeRefreshAutoConfiguration {

	@Bean
	public SafeContextRefresher contextRefresher(ConfigurableApplicationContext context, RefreshScope scope,
			ObjectProvider<MeterRegistry> registry) {
		return new SafeContextRefresher(context, scope, registry.getIfAvailable());
	}

	/** POST /actuator/refresh tells its caller when a refresh was rejected: 409 instead of 200 and no keys. */
	@Bean
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
	@ConditionalOnAvailableEndpoint(endpoint = RejectingRefreshEndpoint.class)
	public RejectingRefreshEndpoint refreshEndpoint(SafeContextRefresher refresher) {
		return new RejectingRefreshEndpoint(refresher);
	}

	/** Spring Cloud's refresh endpoint, answering 409 for a rejected refresh instead of 200 and no keys. */
	@Endpoint(id = "refresh")
	public static class RejectingRefreshEndpoint extends RefreshEndpoint {

		private final SafeContextRefresher refresher;

		RejectingRefreshEndpoint(SafeContextRefresher refresher) {
			super(refresher);
			this.refresher = refresher;
		}

		@Override
		@WriteOperation
		public Collection<String> refresh() {
			return refresher.apply();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.amqp.rabbit.listener.ConsumeOkEvent",
			"org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent" })
	static class OnTheBus {

		@Bean
		RefreshOnReconnect refreshOnReconnect(ContextRefresher refresher) {
			return new RefreshOnReconnect(refresher);
		}

	}

}
