package io.github.cloudkit.config;

import io.github.cloudkit.security.ServiceSecurityCustomizer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.config.monitor.PropertyPathEndpoint;
import org.springframework.cloud.config.server.environment.MultipleJGitEnvironmentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/** How a change reaches the services: the repository watch, and signed webhooks on /monitor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MonitorProperties.class)
class MonitorConfiguration {

	@Bean
	ServiceSecurityCustomizer signedWebhooks(MonitorProperties properties) {
		return http -> http.addFilterBefore(new WebhookSignatures(properties), BasicAuthenticationFilter.class);
	}

	@Bean
	CommitWatcher commitWatcher(MonitorProperties properties, MultipleJGitEnvironmentProperties git,
			ObjectProvider<PropertyPathEndpoint> monitor, MeterRegistry meters) {
		return new CommitWatcher(properties, git, monitor, meters);
	}

}
