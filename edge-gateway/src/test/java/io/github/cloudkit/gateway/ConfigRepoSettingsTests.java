package io.github.cloudkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
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

	/** One default per property, in GatewayProperties: a value in the config repo is there because it differs. */
	@Test
	void theConfigRepoRestatesNoDefaultOfTheGatewaysOwnSettings() throws IOException {
		BeanWrapper defaults = new BeanWrapperImpl(new GatewayProperties());
		for (String file : List.of("edge-gateway.yml", "edge-gateway-ratelimit.yml")) {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(file,
					new FileSystemResource("../config-repo/" + file))) {
				BeanWrapper configured = new BeanWrapperImpl(new Binder(ConfigurationPropertySources.from(source))
						.bindOrCreate("kit.gateway", GatewayProperties.class));
				for (String key : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
					if (key.startsWith("kit.gateway.")) {
						String path = camelCase(key.substring("kit.gateway.".length()));
						assertThat(configured.getPropertyValue(path)).as(file + ": " + key)
								.isNotEqualTo(defaults.getPropertyValue(path));
					}
				}
			}
		}
	}

	private static String camelCase(String kebab) {
		Matcher dash = Pattern.compile("-(.)").matcher(kebab);
		StringBuilder path = new StringBuilder();
		while (dash.find()) {
			dash.appendReplacement(path, dash.group(1).toUpperCase(Locale.ROOT));
		}
		return dash.appendTail(path).toString();
	}
}
