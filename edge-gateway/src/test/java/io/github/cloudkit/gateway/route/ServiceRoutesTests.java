package io.github.cloudkit.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.client.config.CommonClientConfigKey;

import io.github.cloudkit.gateway.GatewayTestSupport;
import io.github.cloudkit.gateway.ribbon.ServedInstanceRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.netflix.ribbon.SpringClientFactory;
import org.springframework.cloud.netflix.ribbon.apache.RibbonLoadBalancingHttpClient;
import org.springframework.cloud.netflix.zuul.filters.route.RibbonCommandFactory;

/** What every call to a service shares is built once, and again after a change in the config repo. */
class ServiceRoutesTests extends GatewayTestSupport {

	@Autowired
	RibbonCommandFactory<?> commands;

	@Autowired
	ServiceRoutes routes;

	@Autowired
	SpringClientFactory ribbonClients;

	@AfterEach
	void restore() {
		refreshWith("");
	}

	@Test
	void requestsShareOneRouteBuiltFromTheServicesRibbonContext() {
		assertThat(commands).isInstanceOf(RouteCommandFactory.class);
		assertThat(get("/hello/id").statusCode()).isEqualTo(200);
		ServiceRoutes.Route route = routes.of("sample-service");
		assertThat(get("/hello/id").statusCode()).isEqualTo(200);

		assertThat(routes.of("sample-service")).isSameAs(route);
		assertThat(route.client)
				.isSameAs(ribbonClients.getClient("sample-service", RibbonLoadBalancingHttpClient.class));
		assertThat(route.client.getLoadBalancer()).isSameAs(ribbonClients.getLoadBalancer("sample-service"));
		assertThat(route.loadBalancerContext).isSameAs(ribbonClients.getLoadBalancerContext("sample-service"));
		assertThat(route.retryListeners).hasSize(1).hasOnlyElementsOfType(ServedInstanceRecorder.class);
	}

	@Test
	void theSnapshotHoldsTheConfigReposRibbonSettings() {
		ServiceRoutes.Route route = routes.of("sample-service");

		assertThat(route.config).isNotSameAs(ribbonClients.getClientConfig("sample-service"));
		assertThat(route.config.get(CommonClientConfigKey.ConnectTimeout)).isEqualTo(500);
		assertThat(route.config.get(CommonClientConfigKey.ReadTimeout)).isEqualTo(2000);
		assertThat(route.config.get(CommonClientConfigKey.MaxAutoRetries)).isZero();
		assertThat(route.config.get(CommonClientConfigKey.MaxAutoRetriesNextServer)).isEqualTo(2);
		assertThat(route.config.get(CommonClientConfigKey.OkToRetryOnAllOperations)).isFalse();
		assertThat(route.config.getClientName()).isEqualTo("sample-service");
	}

	@Test
	void aChangedSettingRebuildsTheRouteAndARefreshWithoutChangesKeepsIt() {
		assertThat(get("/hello/id").statusCode()).isEqualTo(200);
		ServiceRoutes.Route before = routes.of("sample-service");

		refreshWith("");
		assertThat(routes.of("sample-service")).as("nothing changed").isSameAs(before);

		String changed = refreshWith("sample-service:\n  ribbon:\n    ReadTimeout: 2500\n");
		assertThat(changed).contains("sample-service.ribbon.ReadTimeout");

		ServiceRoutes.Route after = routes.of("sample-service");
		assertThat(after).isNotSameAs(before);
		assertThat(after.config.get(CommonClientConfigKey.ReadTimeout)).isEqualTo(2500);
		assertThat(get("/hello/id").statusCode()).isEqualTo(200);
	}
}
