package io.github.cloudkit.support;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.config.client.RetryProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.interceptor.RetryInterceptorBuilder;
import org.springframework.retry.interceptor.RetryOperationsInterceptor;

/**
 * Config-server retries for the start of a service only. Spring Cloud Config applies
 * {@code spring.cloud.config.retry} to every fetch, so with the config server down a
 * {@code POST /actuator/refresh} would retry for minutes with a request thread held; once the service has
 * started, a refresh tries once and fails at once, keeping the values it has.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "org.springframework.retry.annotation.Retryable",
		"org.springframework.cloud.config.client.ConfigServicePropertySourceLocator" })
@ConditionalOnProperty("spring.cloud.config.fail-fast")
@EnableConfigurationProperties(RetryProperties.class)
public class StartupOnlyConfigRetry {

	private static final AtomicBoolean STARTED = new AtomicBoolean();

	/**
	 * Replaces Spring Cloud Config's own interceptor of that name, with its settings and defaults
	 * ({@code spring.cloud.config.retry.*}, Spring Cloud's {@link RetryProperties}); a new one is built for every
	 * refresh.
	 */
	@Bean(name = "configServerRetryInterceptor")
	public RetryOperationsInterceptor configServerRetryInterceptor(RetryProperties retry) {
		return RetryInterceptorBuilder.stateless()
				.backOffOptions(retry.getInitialInterval(), retry.getMultiplier(), retry.getMaxInterval())
				.maxAttempts(STARTED.get() ? 1 : retry.getMaxAttempts()).build();
	}

	/** Registered in the application context (spring.factories): from now on, a fetch is a refresh. */
	public static class ApplicationStarted implements ApplicationListener<ApplicationReadyEvent> {

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			STARTED.set(true);
		}

	}

}
