package io.github.cloudkit.discovery;

import static io.github.cloudkit.discovery.DiscoveryServiceApplicationTests.instance;
import static io.github.cloudkit.discovery.DiscoveryServiceApplicationTests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.ApplicationInfoManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.cloud.netflix.eureka.server.InstanceRegistry;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** The registry with its Cloud Foundry settings on top (discovery-service-cloud.yml): self-preservation on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.cloud.config.enabled=false", "spring.cloud.bus.enabled=false",
		"EUREKA_USER=registry", "EUREKA_PASSWORD=test-password",
		"spring.config.additional-location=file:../config-repo/application.yml,file:../config-repo/discovery-service.yml,"
				+ "file:../config-repo/discovery-service-cloud.yml" })
class DiscoveryServiceCloudProfileTests {

	@Autowired
	TestRestTemplate anonymous;

	@Autowired
	InstanceRegistry registry;

	@Autowired
	ApplicationInfoManager applicationInfoManager;

	@Test
	void registrationsRaiseTheRenewalThresholdSoThatSelfPreservationStillEvicts() {
		// What the server does when it starts and no peer gave it any instance.
		registry.openForTraffic(applicationInfoManager, 0);

		assertThat(anonymous.withBasicAuth("registry", "test-password").exchange("/eureka/apps/TEST-APP", HttpMethod.POST,
				json(instance("test-app:127.0.0.1:9101", 9101)), String.class).getStatusCode())
				.isEqualTo(HttpStatus.NO_CONTENT);

		// Self-preservation lets leases expire only while renewals exceed this threshold; at 0 it never does.
		assertThat(registry.isSelfPreservationModeEnabled()).isTrue();
		assertThat(registry.getNumOfRenewsPerMinThreshold()).isPositive();
	}
}
