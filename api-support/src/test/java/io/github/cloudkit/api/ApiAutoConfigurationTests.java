package io.github.cloudkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the auto-configuration defines, what a service can replace, and how kit.chaos.* binds. */
class ApiAutoConfigurationTests {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApiAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
					DispatcherServletAutoConfiguration.class))
			.withPropertyValues("spring.application.name=api-test");

	@Test
	void aServletServiceGetsThePolicyAndNoChaosUnlessConfigured() {
		web.run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(ApiErrors.class).hasSingleBean(ChaosLatencyFilter.class);
			assertThat(context).getBean(ErrorController.class).isInstanceOf(ServiceErrorController.class);
			assertThat(context.getBean(OpenAPI.class).getInfo().getTitle()).isEqualTo("api-test");
			assertThat(context.getBean(ChaosProperties.class).getLatency()).isEqualTo(Duration.ZERO);
		});
	}

	@Test
	void aServiceKeepsItsOwnDocumentAndErrorController() {
		web.withUserConfiguration(OwnBeans.class).run(context -> {
			assertThat(context.getBean(OpenAPI.class).getInfo().getTitle()).isEqualTo("described further");
			assertThat(context).getBean(ErrorController.class).isSameAs(context.getBean("ownErrorController"));
			assertThat(context).doesNotHaveBean(ServiceErrorController.class);
		});
	}

	@Test
	void notInAnApplicationThatIsNoServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ApiAutoConfiguration.class))
				.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ApiErrors.class)
						.doesNotHaveBean(ChaosProperties.class));
	}

	@Test
	void theLatencyBindsAndANoLongerConfiguredOneIsZeroAgainAfterARefresh() {
		web.withPropertyValues("kit.chaos.latency=3s").run(context -> {
			ChaosProperties chaos = context.getBean(ChaosProperties.class);
			assertThat(chaos.getLatency()).isEqualTo(Duration.ofSeconds(3));

			chaos.destroy(); // what Spring Cloud's rebinder calls before it binds again
			assertThat(chaos.getLatency()).isEqualTo(Duration.ZERO);
		});
	}

	@Test
	void aNegativeLatencyStopsTheStartNamingThePropertyAndAnEmptyOneIsNone() {
		web.withPropertyValues("kit.chaos.latency=-1ms").run(context -> assertThat(context).hasFailed()
				.getFailure().hasStackTraceContaining("kit.chaos.latency"));
		web.withPropertyValues("kit.chaos.latency=").run(context -> assertThat(
				context.getBean(ChaosProperties.class).getLatency()).isEqualTo(Duration.ZERO));
	}

	/** The configuration processor's metadata, from which IDEs complete and document the property. */
	@Test
	void theBuildDescribesTheProperty() throws IOException {
		JsonNode latency = null;
		for (URL file : Collections.list(getClass().getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = file.openStream()) {
				for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
					if (property.get("name").asText().equals("kit.chaos.latency")) {
						latency = property;
					}
				}
			}
		}

		assertThat(latency).as("kit.chaos.latency in the metadata").isNotNull();
		assertThat(latency.get("type").asText()).isEqualTo(Duration.class.getName());
		assertThat(latency.get("description").asText()).isNotBlank();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		@Bean
		OpenAPI ownDocument() {
			return new OpenAPI().info(new Info().title("described further"));
		}

		@Bean
		ErrorController ownErrorController() {
			return () -> "/error";
		}

	}

}
