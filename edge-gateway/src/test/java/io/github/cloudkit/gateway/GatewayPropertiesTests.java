package io.github.cloudkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

/** Out-of-range settings stop the gateway at start with Spring Boot's binding error, not a clamp in the code. */
class GatewayPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(GatewayConfiguration.Properties.class);

	@ParameterizedTest
	@CsvSource({ "canary.share, 1.5, share", "canary.share, -0.1, share",
			"max-in-flight-per-route, -1, maxInFlightPerRoute", "rate-limit.capacity, 0, capacity",
			"rate-limit.refill-per-second, 0, refillPerSecond", "rate-limit.max-clients, 0, maxClients",
			"rate-limit.key-header, ' ', keyHeader", "canary.metadata-value, '', metadataValue" })
	void aValueOutOfItsBoundsFailsTheStart(String property, String value, String field) {
		context.withPropertyValues("kit.gateway." + property + "=" + value).run(started -> {
			assertThat(started).hasFailed();
			Throwable cause = NestedExceptionUtils.getRootCause(started.getStartupFailure());
			assertThat(cause).isInstanceOf(BindValidationException.class).hasMessageContaining("kit.gateway")
					.hasMessageContaining("field '" + field + "'");
		});
	}

	@ParameterizedTest
	@CsvSource({ "canary.share, 0", "canary.share, 1", "max-in-flight-per-route, 0", "rate-limit.capacity, 1" })
	void theBoundsThemselvesAreAccepted(String property, String value) {
		context.withPropertyValues("kit.gateway." + property + "=" + value)
				.run(started -> assertThat(started).hasNotFailed());
	}

	@Test
	void theRequestPathReadsThePropertiesWithoutAValidationProxyInBetween() {
		context.run(started -> assertThat(AopUtils.isAopProxy(started.getBean(GatewayProperties.class))).isFalse());
	}

}
