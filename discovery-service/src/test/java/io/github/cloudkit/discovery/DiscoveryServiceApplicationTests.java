package io.github.cloudkit.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.eureka.cluster.PeerEurekaNodes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.netflix.eureka.server.event.EurekaInstanceRenewedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.cloud.netflix.eureka.server.InstanceRegistry;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Runs the registry with the settings of the real config repo, read from disk instead of the config server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.cloud.config.enabled=false", "spring.cloud.bus.enabled=false",
		"EUREKA_USER=registry", "EUREKA_PASSWORD=test-password",
		"spring.config.additional-location=file:../config-repo/application.yml,file:../config-repo/discovery-service.yml" })
class DiscoveryServiceApplicationTests {

	@Autowired
	TestRestTemplate anonymous;

	@Autowired
	InstanceRegistry registry;

	@Autowired
	ApplicationInfoManager applicationInfoManager;

	@Autowired
	PeerEurekaNodes peers;

	TestRestTemplate http;

	@BeforeEach
	void withTheRegistryCredentials() {
		http = anonymous.withBasicAuth("registry", "test-password");
	}

	/** Every renewal event the registry publishes. */
	@TestConfiguration(proxyBeanMethods = false)
	static class RenewalEvents {

		final List<EurekaInstanceRenewedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void onRenewal(EurekaInstanceRenewedEvent event) {
			events.add(event);
		}

	}

	@Autowired
	RenewalEvents renewals;

	@Test
	void aHeartbeatRenewsAndAnnouncesTheRenewingInstanceAsSpringCloudDoes() {
		assertThat(registry).isInstanceOf(CheapRenewalRegistry.class);
		for (String id : List.of("other-app:127.0.0.1:9101", "other-app:127.0.0.1:9102")) {
			http.exchange("/eureka/apps/OTHER-APP", HttpMethod.POST, json(instance(id, 9101).replace("TEST-APP", "OTHER-APP")),
					String.class);
		}
		http.exchange("/eureka/apps/TEST-APP", HttpMethod.POST, json(instance("test-app:127.0.0.1:9004", 9004)), String.class);

		ResponseEntity<String> renewed = http.exchange("/eureka/apps/TEST-APP/test-app:127.0.0.1:9004?status=UP",
				HttpMethod.PUT, json(null), String.class);
		assertThat(renewed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(renewals.events).anySatisfy(event -> {
			assertThat(event.getAppName()).isEqualTo("TEST-APP");
			assertThat(event.getServerId()).isEqualTo("test-app:127.0.0.1:9004");
			assertThat(event.getInstanceInfo()).isNotNull();
			assertThat(event.getInstanceInfo().getId()).isEqualTo("test-app:127.0.0.1:9004");
		});
		assertThat(http.exchange("/eureka/apps/TEST-APP/test-app:127.0.0.1:9999?status=UP", HttpMethod.PUT, json(null),
				String.class).getStatusCode()).as("an unknown instance registers again").isEqualTo(HttpStatus.NOT_FOUND);
		// Everyone else still sees the whole registry.
		assertThat(registry.getSortedApplications()).extracting(application -> application.getName())
				.contains("OTHER-APP", "TEST-APP");
	}

	@Test
	void aStandaloneRegistryReplicatesToNoPeerNotEvenToItself() {
		// Its own URL (EUREKA_URI, as every service is given it) names "localhost", its address is 127.0.0.1:
		// without eureka.server.my-url Eureka listed itself as a peer and replicated every heartbeat to itself.
		assertThat(peers.getPeerEurekaNodes()).isEmpty();
	}

	@Test
	void refusesAnonymousRegistrationsReadsAndTheDashboard() {
		assertThat(anonymous.exchange("/eureka/apps/TEST-APP", HttpMethod.POST,
				json(instance("intruder:127.0.0.1:9009", 9009)), String.class).getStatusCode())
				.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(http.exchange("/eureka/apps/TEST-APP/intruder:127.0.0.1:9009", HttpMethod.GET, json(null),
				String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(anonymous.exchange("/eureka/apps", HttpMethod.GET, json(null), String.class).getStatusCode())
				.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getForEntity("/", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void acceptsARegistrationAndListsIt() throws InterruptedException {
		ResponseEntity<String> registered = http.exchange("/eureka/apps/TEST-APP", HttpMethod.POST,
				json(instance("test-app:127.0.0.1:9001", 9001)), String.class);
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		ResponseEntity<String> listed = readWhenServed(Duration.ofSeconds(15));

		assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(listed.getBody()).contains("\"instanceId\":\"test-app:127.0.0.1:9001\"").contains("\"status\":\"UP\"");
	}

	@Test
	void aRegistryThatStartsEmptyRefusesReadsWhileTheInstancesRegisterAgain() throws InterruptedException {
		// What the server does when it (re)starts and no peer gave it any instance: open with a count of 0.
		registry.openForTraffic(applicationInfoManager, 0);
		long opened = System.nanoTime();

		assertThat(http.exchange("/eureka/apps", HttpMethod.GET, json(null), String.class).getStatusCode())
				.as("a client keeps its cached registry instead of copying an empty one").isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(http.exchange("/eureka/apps/TEST-APP", HttpMethod.POST, json(instance("test-app:127.0.0.1:9003", 9003)),
				String.class).getStatusCode()).as("registrations are taken meanwhile").isEqualTo(HttpStatus.NO_CONTENT);

		ResponseEntity<String> listed = readWhenServed(Duration.ofSeconds(15));
		assertThat(listed.getBody()).contains("\"instanceId\":\"test-app:127.0.0.1:9003\"");
		assertThat(Duration.ofNanos(System.nanoTime() - opened)).as("reads refused for wait-time-in-ms-when-sync-empty")
				.isGreaterThan(Duration.ofSeconds(5));
	}

	/** A registry that started empty refuses reads for a few seconds (config-repo/discovery-service.yml). */
	private ResponseEntity<String> readWhenServed(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		ResponseEntity<String> listed = http.exchange("/eureka/apps", HttpMethod.GET, json(null), String.class);
		while (listed.getStatusCode() == HttpStatus.FORBIDDEN && System.nanoTime() < deadline) {
			Thread.sleep(200);
			listed = http.exchange("/eureka/apps", HttpMethod.GET, json(null), String.class);
		}
		assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
		return listed;
	}

	@Test
	void forgetsAnInstanceThatDeregisters() {
		http.exchange("/eureka/apps/TEST-APP", HttpMethod.POST, json(instance("test-app:127.0.0.1:9002", 9002)), String.class);

		ResponseEntity<String> removed = http.exchange("/eureka/apps/TEST-APP/test-app:127.0.0.1:9002",
				HttpMethod.DELETE, json(null), String.class);
		assertThat(removed.getStatusCode()).isEqualTo(HttpStatus.OK);

		assertThat(http.exchange("/eureka/apps/TEST-APP/test-app:127.0.0.1:9002", HttpMethod.GET, json(null), String.class)
				.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void servesTheDashboard() {
		ResponseEntity<String> dashboard = http.getForEntity("/", String.class);

		assertThat(dashboard.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(dashboard.getBody()).contains("Instances currently registered with Eureka");
		// Its System Status names the platform and says why self-preservation is off (Archaius would have turned a
		// comma in the note into a list, and the page into a 500).
		assertThat(dashboard.getBody().replaceAll("\\s+", " ")).contains("<td>Environment</td> <td>local</td>",
				"self-preservation off by choice");
	}

	static HttpEntity<String> json(String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(Collections.singletonList(MediaType.APPLICATION_JSON));
		return new HttpEntity<>(body, headers);
	}

	static String instance(String id, int port) {
		return "{\"instance\":{\"instanceId\":\"" + id + "\",\"hostName\":\"localhost\",\"app\":\"TEST-APP\","
				+ "\"ipAddr\":\"127.0.0.1\",\"status\":\"UP\",\"port\":{\"$\":" + port + ",\"@enabled\":\"true\"},"
				+ "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}";
	}
}
