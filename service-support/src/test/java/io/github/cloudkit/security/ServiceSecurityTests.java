package io.github.cloudkit.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class ServiceSecurityTests {


	@SpringBootApplication
	@RestController
	static class ServiceApplication {

		@GetMapping("/greeting")
		String greeting() {
			return "hello";
		}

	}

	@Nested
	@SpringBootTest(classes = ServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
			"spring.security.user.name=ops", "spring.security.user.password=s3cret",
			"management.endpoints.web.exposure.include=health,info,env",
			"management.endpoint.health.show-details=when-authorized" })
	class ServingClients {

		@Autowired
		TestRestTemplate http;

		@Test
		void applicationEndpointsAreOpenWhateverAuthorizationTheClientSends() {
			assertThat(http.getForEntity("/greeting", String.class).getBody()).isEqualTo("hello");
			assertThat(http.withBasicAuth("someone", "else").getForEntity("/greeting", String.class).getBody())
					.isEqualTo("hello");
		}

		@Test
		void healthIsAnonymousButShowsDetailsOnlyWithCredentials() {
			ResponseEntity<String> anonymous = http.getForEntity("/actuator/health", String.class);
			assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(anonymous.getBody()).contains("\"UP\"").doesNotContain("components", "diskSpace");
			assertThat(http.withBasicAuth("ops", "s3cret").getForEntity("/actuator/health", String.class).getBody())
					.contains("diskSpace");
			assertThat(http.getForEntity("/actuator/info", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		}

		@Test
		void otherActuatorsNeedTheCredentials() {
			assertThat(http.getForEntity("/actuator/env", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(http.withBasicAuth("ops", "wrong").getForEntity("/actuator/env", String.class).getStatusCode())
					.isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(http.withBasicAuth("ops", "s3cret").getForEntity("/actuator/env", String.class).getStatusCode())
					.isEqualTo(HttpStatus.OK);
			assertThat(http.exchange("/actuator/env", HttpMethod.POST, null, String.class).getStatusCode())
					.isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		@Test
		void requestsTomcatRejectsGetJsonNotAnHtmlPage() throws Exception {
			String answer = raw("GET /greeting HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
			assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json").contains("\"status\":400")
					.doesNotContain("<html", "Tomcat");
			assertThat(raw("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n"))
					.startsWith("HTTP/1.1 405").doesNotContain("<html");
			// Tomcat refuses TRACE with 405; the firewall then refuses the method again on the error dispatch: 400.
			assertThat(raw("TRACE /greeting HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
					.matches("(?s)HTTP/1.1 40[05] .*").contains("\"status\":40").doesNotContain("<html");
		}

		@Autowired
		org.springframework.core.env.Environment environment;

		private String raw(String request) throws java.io.IOException {
			int port = environment.getProperty("local.server.port", Integer.class);
			try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
				socket.setSoTimeout(5000);
				socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
				return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
			}
		}

		@Test
		void requestsTheFirewallRejectsAreBadRequestsNotServerErrors() {
			ResponseEntity<String> rejected = http.getForEntity("/greeting;jsessionid=x/..;/actuator/env", String.class);
			assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(rejected.getBody()).contains("\"status\":400").doesNotContain("Exception");
		}

	}

	/** A password encoder bean that counts its checks: the service's user store uses it for encoded passwords. */
	@Configuration(proxyBeanMethods = false)
	static class CountedEncoder {

		@Bean
		ServiceUserAuthenticationProviderTests.CountingEncoder passwordEncoder() {
			return new ServiceUserAuthenticationProviderTests.CountingEncoder();
		}

	}

	@Nested
	@SpringBootTest(classes = { ServiceApplication.class, CountedEncoder.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.security.user.name=ops", "spring.security.user.password=s3cret",
					"management.endpoints.web.exposure.include=health,info,env" })
	class CheckingPlainCredentials {

		@Autowired
		TestRestTemplate http;

		@Autowired
		ServiceUserAuthenticationProviderTests.CountingEncoder encoder;

		@Autowired
		ApplicationContext context;

		@Test
		void noLoginEverReachesAPasswordEncoderSoNothingIsUpgradedToBCrypt() {
			for (int i = 0; i < 20; i++) {
				assertThat(http.withBasicAuth("ops", "s3cret").getForEntity("/actuator/env", String.class).getStatusCode())
						.isEqualTo(HttpStatus.OK);
				assertThat(http.withBasicAuth("ops", "wrong" + i).getForEntity("/actuator/env", String.class)
						.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			}
			assertThat(encoder.checks).hasValue(0);
			// Spring Boot's in-memory user store (the one that re-encodes a plain password) is not there at all.
			assertThat(context.getBeansOfType(UserDetailsService.class)).isEmpty();
			assertThat(context.getBeansOfType(UserDetailsPasswordService.class)).isEmpty();
		}

		@Test
		void aWrongPasswordGetsAShortJson401() {
			ResponseEntity<String> refused = http.withBasicAuth("ops", "wrong").getForEntity("/actuator/env", String.class);
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/json");
			assertThat(refused.getBody()).contains("\"status\":401").doesNotContain("Exception", "trace");
		}

	}

	@Nested
	@SpringBootTest(classes = { ServiceApplication.class, CountedEncoder.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
			// the password: BCrypt of "s3cret", as a team would configure it
			properties = { "spring.security.user.name=ops", "spring.security.user.password={bcrypt}$2a$10$ScoHlgqg7h9wC9aO.5pXfe3ASQPKgzUy48Tw7qgPSI43uAqsKOFzm",
					"management.endpoints.web.exposure.include=health,info,env" })
	class CheckingEncodedCredentials {

		@Autowired
		TestRestTemplate http;

		@Autowired
		ServiceUserAuthenticationProviderTests.CountingEncoder encoder;

		@Test
		void aTeamsBCryptPasswordWorksAndIsCheckedOnceWhileTheClientRepeatsIt() {
			assertThat(http.withBasicAuth("ops", "s3cret").getForEntity("/actuator/env", String.class).getStatusCode())
					.isEqualTo(HttpStatus.OK);
			int afterFirstLogin = encoder.checks.get();
			for (int i = 0; i < 5; i++) {
				assertThat(http.withBasicAuth("ops", "s3cret").getForEntity("/actuator/env", String.class).getStatusCode())
						.isEqualTo(HttpStatus.OK);
			}
			assertThat(encoder.checks.get()).isEqualTo(afterFirstLogin).isLessThanOrEqualTo(1);
			assertThat(http.withBasicAuth("ops", "wrong").getForEntity("/actuator/env", String.class).getStatusCode())
					.isEqualTo(HttpStatus.UNAUTHORIZED);
		}

	}

	@Nested
	@SpringBootTest(classes = ServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
			"spring.security.user.name=ops", "spring.security.user.password=s3cret", "kit.security.protect-everything=true" })
	class ProtectingEverything {

		@Autowired
		TestRestTemplate http;

		@Test
		void everythingButHealthAndInfoNeedsTheCredentials() {
			assertThat(http.getForEntity("/greeting", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(http.withBasicAuth("ops", "s3cret").getForEntity("/greeting", String.class).getBody())
					.isEqualTo("hello");
			assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		}

		@Test
		void aRefusalIsAShortJson401WithTheBasicChallengeWithOrWithoutCredentials() {
			for (TestRestTemplate client : java.util.List.of(http, http.withBasicAuth("ops", "wrong"))) {
				ResponseEntity<String> refused = client.getForEntity("/greeting", String.class);
				assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
				assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
				assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/json");
				assertThat(refused.getBody()).startsWith("{\"status\":401,\"error\":\"Unauthorized\"").doesNotContain("hello");
			}
		}

	}

}
