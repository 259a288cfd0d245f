package io.github.cloudkit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import rx.subjects.PublishSubject;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

/** The console with the settings of the real config repo, read from disk instead of the config server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.cloud.config.enabled=false", "spring.cloud.bus.enabled=false", "eureka.client.enabled=false",
		// No broker: the circuits are published straight to Turbine's aggregation.
		"MANAGEMENT_USER=operator", "MANAGEMENT_PASSWORD=test-password",
		"CONFIG_SERVER_PASSWORD=config-test-password",
		// A pair of config servers, as ./platform up --ha, Compose and Cloud Foundry give every service.
		"CONFIG_SERVER_URI=http://localhost:18888,https://config.example.org",
		"spring.config.additional-location=file:../config-repo/application.yml,file:../config-repo/admin-server.yml" })
class AdminServerApplicationTests {

	@Autowired
	TestRestTemplate anonymous;

	@Autowired
	PublishSubject<Map<String, Object>> circuitMetrics;

	@Autowired
	DiscoveryClient discovery;

	@LocalServerPort
	int port;

	@Test
	void aBrowserIsSentToTheLoginPageAndAnApiCallGetsJson() {
		HttpHeaders page = new HttpHeaders();
		page.setAccept(List.of(MediaType.TEXT_HTML));
		ResponseEntity<String> console = anonymous.exchange("/", HttpMethod.GET, new HttpEntity<>(page), String.class);
		assertThat(console.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(console.getHeaders().getLocation()).hasPath(ConsoleSecurity.LOGIN_PAGE);

		ResponseEntity<String> login = anonymous.exchange(ConsoleSecurity.LOGIN_PAGE, HttpMethod.GET,
				new HttpEntity<>(page), String.class);
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(login.getBody()).contains("name=\"username\"", "name=\"password\"", "Cloud platform kit");

		ResponseEntity<String> api = anonymous.getForEntity("/applications", String.class);
		assertThat(api.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(api.getBody()).contains("\"status\":401");
	}

	@Test
	void eachAddressOfAListIsAnInstanceWithItsServersUser() {
		assertThat(discovery.getInstances("config-server")).extracting(ServiceInstance::getUri)
				.containsExactly(URI.create("http://localhost:18888"), URI.create("https://config.example.org:443"));
		assertThat(discovery.getInstances("config-server")).allSatisfy(instance -> assertThat(instance.getMetadata())
				.containsEntry("user.name", "config").containsEntry("user.password", "config-test-password"));
		assertThat(discovery.getInstances("discovery-service")).extracting(ServiceInstance::getUri)
				.containsExactly(URI.create("http://localhost:8761"));
	}

	@Test
	void theManagementUserLogsInAndSeesTheStaticallyListedServicesWithoutTheirPasswords() {
		ResponseEntity<String> wrong = logIn("wrong-password");
		assertThat(wrong.getHeaders().getLocation()).hasPath(ConsoleSecurity.LOGIN_PAGE).hasQuery("error");

		ResponseEntity<String> loggedIn = logIn("test-password");
		assertThat(loggedIn.getHeaders().getLocation()).hasPath("/");
		String session = loggedIn.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
				.filter(cookie -> cookie.startsWith("JSESSIONID=")).findFirst().orElseThrow().split(";")[0];
		HttpHeaders withSession = new HttpHeaders();
		withSession.add(HttpHeaders.COOKIE, session);
		withSession.setAccept(List.of(MediaType.APPLICATION_JSON));
		ResponseEntity<String> applications = anonymous.exchange("/applications", HttpMethod.GET,
				new HttpEntity<>(withSession), String.class);
		assertThat(applications.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(applications.getBody()).contains("\"name\":\"config-server\"", "\"name\":\"discovery-service\"")
				.doesNotContain("config-test-password");
	}

	@Test
	void theDashboardStreamIsOnlyThisServersTurbineStream() {
		assertThat(DashboardStreamFilter.isOwnStream("/turbine.stream")).isTrue();
		assertThat(DashboardStreamFilter.isOwnStream("http://localhost:9000/turbine.stream")).isTrue();
		assertThat(DashboardStreamFilter.isOwnStream("http://169.254.169.254/latest/meta-data")).isFalse();
		assertThat(DashboardStreamFilter.isOwnStream("http://user:pw@localhost:9000/turbine.stream")).isFalse();
		assertThat(DashboardStreamFilter.isOwnStream("/turbine.stream?cluster=x")).isFalse();
		assertThat(DashboardStreamFilter.isOwnStream(null)).isFalse();

		ResponseEntity<String> anonymousProxy = anonymous.getForEntity("/proxy.stream?origin=/turbine.stream",
				String.class);
		assertThat(anonymousProxy.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

		ResponseEntity<String> elsewhere = anonymous.withBasicAuth("operator", "test-password")
				.getForEntity("/proxy.stream?origin=http://example.com/", String.class);
		assertThat(elsewhere.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(elsewhere.getBody()).contains("\"status\":403", "Turbine stream");
	}

	@Test
	void aGatewaysCircuitReachesTheDashboardThroughTheProxyPath() {
		WebClient client = WebClient.builder().baseUrl("http://localhost:" + port)
				.defaultHeaders(headers -> headers.setBasicAuth("operator", "test-password")).build();
		var circuit = Map.<String, Object>of("type", "HystrixCommand", "name", "sample-service", "group",
				"RibbonCommand", "instanceId", "edge-gateway:localhost:8080", "reportingHosts", 1,
				"requestCount", 7, "isCircuitBreakerOpen", false, "currentTime", System.currentTimeMillis());
		Thread publisher = new Thread(() -> {
			for (int i = 0; i < 40 && !Thread.currentThread().isInterrupted(); i++) {
				circuitMetrics.onNext(new HashMap<>(circuit)); // Turbine adds to what it aggregates
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		publisher.start();
		try {
			String event = client.get().uri(URI.create("http://localhost:" + port
					+ "/proxy.stream?origin=%2Fturbine.stream")).accept(MediaType.TEXT_EVENT_STREAM).retrieve()
					.bodyToFlux(String.class).filter(data -> data.contains("HystrixCommand")).blockFirst(
							java.time.Duration.ofSeconds(10));
			assertThat(event).contains("\"name\":\"sample-service\"");
		}
		finally {
			publisher.interrupt();
		}
	}

	private ResponseEntity<String> logIn(String password) {
		// The login form's CSRF token comes with the page, bound to the page's session.
		HttpHeaders page = new HttpHeaders();
		page.setAccept(List.of(MediaType.TEXT_HTML));
		ResponseEntity<String> form = anonymous.exchange(ConsoleSecurity.LOGIN_PAGE, HttpMethod.GET,
				new HttpEntity<>(page), String.class);
		String token = form.getBody().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		HttpHeaders post = new HttpHeaders();
		post.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		form.getHeaders().get(HttpHeaders.SET_COOKIE).forEach(cookie -> post.add(HttpHeaders.COOKIE, cookie.split(";")[0]));
		MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
		fields.add("username", "operator");
		fields.add("password", password);
		fields.add("_csrf", token);
		return anonymous.postForEntity(ConsoleSecurity.LOGIN_PAGE, new HttpEntity<>(fields, post), String.class);
	}

}
