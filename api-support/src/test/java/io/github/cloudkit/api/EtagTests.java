package io.github.cloudkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** The ETag filter: an ETag on each successful GET, 304 while the body is unchanged, nothing on the actuator. */
@ApiTest
class EtagTests {

	@Autowired
	TestRestTemplate http;

	@Test
	void aGetAnswersAnETagAndNotModifiedWhileTheListIsUnchanged() {
		ResponseEntity<String> first = http.getForEntity("/things", String.class);
		String etag = first.getHeaders().getETag();
		assertThat(etag).startsWith("\"");

		ResponseEntity<String> again = conditionalGet("/things", etag);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(again.getHeaders().getETag()).isEqualTo(etag);
		assertThat(again.getBody()).isNull();

		http.exchange(RequestEntity.post(URI.create("/things")).contentType(MediaType.APPLICATION_JSON)
				.body("{\"name\":\"kettle\"}"), String.class);

		ResponseEntity<String> changed = conditionalGet("/things", etag);
		assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(changed.getHeaders().getETag()).isNotNull().isNotEqualTo(etag);
		assertThat(changed.getBody()).contains("kettle");
		assertThat(conditionalGet("/things/" + Integer.MAX_VALUE, "*").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void theActuatorGetsNoETag() {
		ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);

		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getHeaders().getETag()).isNull();
	}

	private ResponseEntity<String> conditionalGet(String path, String etag) {
		return http.exchange(RequestEntity.get(URI.create(path)).header(HttpHeaders.IF_NONE_MATCH, etag).build(),
				String.class);
	}

}
