package io.github.cloudkit.support;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
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
@AutoConfigureBefore(RefreshAutoConfiguration.class)
public class SafeRefreshAutoConfiguration {

	@Bean
	public SafeContextRefresher contextRefresher(ConfigurableApplicationContext context, RefreshScope scope,
			ObjectProvider<MeterRegistry> registry) {
		return new SafeContextRefresher(context, scope, registry.getIfAvailable());
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
