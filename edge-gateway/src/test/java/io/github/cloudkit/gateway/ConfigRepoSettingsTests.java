package io.github.cloudkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.netflix.zuul.filters.ZuulProperties;
import org.springframework.core.env.Environment;

/** The relations between settings in config-repo/edge-gateway.yml that must hold whatever the figures. */
class ConfigRepoSettingsTests extends GatewayTestSupport {

	@Autowired
	Environment env;

	@Autowired
	ZuulProperties zuul;

	@Autowired
	GatewayProperties gateway;

	@Test
	void hystrixNeverCutsARibbonRetryShort() {
		int connect = env.getRequiredProperty("ribbon.ConnectTimeout", Integer.class);
		int read = env.getRequiredProperty("ribbon.ReadTimeout", Integer.class);
		int sameServer = env.getRequiredProperty("ribbon.MaxAutoRetries", Integer.class);
		int nextServer = env.getRequiredProperty("ribbon.MaxAutoRetriesNextServer", Integer.class);
		int hystrix = env.getRequiredProperty(
				"hystrix.command.default.execution.isolation.thread.timeoutInMilliseconds", Integer.class);

		assertThat(hystrix).isGreaterThanOrEqualTo((connect + read) * (sameServer + 1) * (nextServer + 1));
		assertThat(env.getProperty("ribbon.OkToRetryOnAllOperations", Boolean.class)).isFalse();
		assertThat(zuul.getRetryable()).isTrue();
	}

	@Test
	void theGatewaysOwnBoundAnswersBeforeHystrixOrTheConnectionPoolDo() {
		int bound = gateway.getMaxInFlightPerRoute();

		assertThat(zuul.getRibbonIsolationStrategy().name()).isEqualTo("SEMAPHORE");
		assertThat(zuul.getSemaphore().getMaxSemaphores()).isGreaterThan(bound);
		assertThat(env.getRequiredProperty(
				"hystrix.command.default.fallback.isolation.semaphore.maxConcurrentRequests", Integer.class))
				.isGreaterThan(bound);
		assertThat(env.getRequiredProperty("ribbon.MaxConnectionsPerHost", Integer.class))
				.isGreaterThanOrEqualTo(bound);
	}

	@Test
	void onlyConfiguredRoutesAndARefreshThatKeepsTheEurekaClient() {
		assertThat(zuul.getIgnoredServices()).containsExactly("*");
		assertThat(zuul.getIgnoredPatterns()).contains("/**/actuator/**", "/**/eureka/**");
		assertThat(zuul.getRoutes().get("hello").getPath()).isEqualTo("/hello/**");
		assertThat(zuul.getRoutes().get("hello").getServiceId()).isEqualTo("sample-service");
		assertThat(env.getProperty("eureka.client.refresh.enable", Boolean.class)).isFalse();
		assertThat(env.getProperty("ribbon.eager-load.clients")).isEqualTo("sample-service");
	}

	@Test
	void rateLimitIsOffAndTheCanaryShareIsSetByDefault() {
		assertThat(gateway.getRateLimit().isEnabled()).isFalse();
		assertThat(gateway.getCanary().getShare()).isEqualTo(0.1);
	}
}
