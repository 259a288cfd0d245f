package io.github.cloudkit.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Runs the registry with the settings of the real config repo, read from disk instead of the config server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.config.enabled=false",
        "EUREKA_USER=registry", "EUREKA_PASSWORD=test-password",
        "spring.config.additional-location=file:../config-repo/application.yml,file:../config-repo/discovery-service.yml" })
class DiscoveryServiceApplicationTests {

    @Autowired
    TestRestTemplate anonymous;

    TestRestTemplate http;

    @BeforeEach
    void withTheRegistryCredentials() {
        http = anonymous.withBasicAuth("registry", "test-password");
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
    void acceptsARegistrationAndListsIt() {
        ResponseEntity<String> registered = http.exchange("/eureka/apps/TEST-APP", HttpMethod.POST,
                json(instance("test-app:127.0.0.1:9001", 9001)), String.class);
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<String> listed = http.exchange("/eureka/apps", HttpMethod.GET, json(null), String.class);

        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(listed.getBody()).contains("\"instanceId\":\"test-app:127.0.0.1:9001\"").contains("\"status\":\"UP\"");
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
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(Collections.singletonList(MediaType.APPLICATION_JSON));
        return new HttpEntity<>(body, headers);
    }

    private static String instance(String id, int port) {
        return "{\"instance\":{\"instanceId\":\"" + id + "\",\"hostName\":\"localhost\",\"app\":\"TEST-APP\","
                + "\"ipAddr\":\"127.0.0.1\",\"status\":\"UP\",\"port\":{\"$\":" + port + ",\"@enabled\":\"true\"},"
                + "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}";
    }
}
