package io.github.cloudkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.loadbalancer.ILoadBalancer;

import io.github.cloudkit.gateway.ribbon.CanaryAwareRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.netflix.ribbon.SpringClientFactory;

/** A change to the config repo applies after POST /actuator/refresh, without a restart. */
class RefreshTests extends GatewayTestSupport {

	@Autowired
	GatewayProperties properties;

	@Autowired
	SpringClientFactory ribbonClients;

	@AfterEach
	void restore() {
		refreshWith("");
	}

	@Test
	void aRouteAddedToTheConfigRepoRoutesAfterARefreshAndIsGoneWhenRemoved() {
		assertErrorShape(get("/extra/id"), 404, null, null);

		String changed = refreshWith("zuul:\n  routes:\n    extra:\n      path: /extra/**\n"
				+ "      serviceId: sample-service\n");

		assertThat(changed).contains("zuul.routes.extra.path");
		assertThat(get("/extra/id").body()).matches("BACKEND [AB] GET /id");
		assertThat(get("/hello/id").statusCode()).isEqualTo(200);

		refreshWith("");

		assertErrorShape(get("/extra/id"), 404, null, null);
		assertThat(get("/hello/id").statusCode()).isEqualTo(200);
	}

	@Test
	void aPathAddedToTheIgnoredPatternsIsBlockedAfterARefresh() {
		assertThat(get("/hello/internal/report").statusCode()).isEqualTo(200);

		refreshWith("zuul:\n  ignored-patterns:\n    - /**/actuator/**\n    - /**/eureka/**\n"
				+ "    - /**/internal/**\n");

		assertErrorShape(get("/hello/internal/report"), 404, null, null);
		assertErrorShape(get("/hello/actuator/env"), 404, null, null);
		assertThat(get("/hello/public/report").statusCode()).isEqualTo(200);
	}

	@Test
	void theGatewaysOwnSettingsChangeAfterARefresh() {
		assertThat(properties.getCanary().getShare()).isEqualTo(0.1);
		assertThat(properties.getMaxInFlightPerRoute()).isEqualTo(100);

		refreshWith("kit:\n  gateway:\n    max-in-flight-per-route: 7\n    canary:\n      share: 0.3\n");

		assertThat(properties.getCanary().getShare()).isEqualTo(0.3);
		assertThat(properties.getMaxInFlightPerRoute()).isEqualTo(7);

		refreshWith("");

		assertThat(properties.getCanary().getShare()).as("a removed setting takes its default again").isEqualTo(0.1);
		assertThat(properties.getMaxInFlightPerRoute()).isEqualTo(100);
	}

	@Test
	void everyRibbonClientUsesTheCanaryRuleThatReadsThoseSettings() {
		ILoadBalancer loadBalancer = ribbonClients.getLoadBalancer("sample-service");

		assertThat(ribbonClients.getInstance("sample-service", com.netflix.loadbalancer.IRule.class))
				.isInstanceOf(CanaryAwareRule.class);
		assertThat(loadBalancer.getReachableServers()).hasSize(2);
	}
}
