package io.github.cloudkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * The service's OpenAPI document lists its own operations, their errors with the error body's schema. The document's
 * title, server URL behind the gateway and the schema's fields are api-support's, tested there.
 */
@SampleServiceTest
class ApiDocumentTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String ERROR_SCHEMA = "#/components/schemas/Error";

	@Autowired
	TestRestTemplate http;

	@Value("${spring.application.name}")
	String name;

	@Test
	void listsTheItemOperationsAndDocumentsTheirErrorsWithTheErrorBodysSchema() throws IOException {
		JsonNode document = document(RequestEntity.get(URI.create("/v3/api-docs")).build());

		assertThat(document.get("openapi").asText()).startsWith("3.");
		assertThat(document.at("/info/title").asText()).isEqualTo(name);
		JsonNode items = document.at("/paths/~1items");
		JsonNode one = document.at("/paths/~1items~1{id}");
		assertThat(items.has("get")).isTrue();
		assertThat(one.has("get")).isTrue();
		assertThat(items.at("/post/responses/201/headers/Location").isMissingNode()).isFalse();
		assertThat(items.at("/post/responses/201/content/application~1json/schema/$ref").asText())
				.isEqualTo("#/components/schemas/Item");
		assertThat(items.at("/post/responses/400/content/application~1json/schema/$ref").asText()).isEqualTo(ERROR_SCHEMA);
		assertThat(one.at("/get/responses/404/content/application~1json/schema/$ref").asText()).isEqualTo(ERROR_SCHEMA);
		assertThat(one.at("/get/responses/200/content/application~1json/schema/$ref").asText())
				.isEqualTo("#/components/schemas/Item");
		assertThat(document.get("paths").has("/error")).as("the error path is no operation").isFalse();

		JsonNode newItem = document.at("/components/schemas/NewItem");
		assertThat(newItem.get("required").toString()).contains("\"name\"");
		assertThat(newItem.at("/properties/name/maxLength").asInt()).isEqualTo(100);
		assertThat(newItem.at("/properties/quantity/minimum").asInt()).isZero();
	}

	private JsonNode document(RequestEntity<Void> request) throws IOException {
		ResponseEntity<String> answer = http.exchange(request, String.class);
		assertThat(answer.getStatusCode()).as("anonymous").isEqualTo(HttpStatus.OK);
		return JSON.readTree(answer.getBody());
	}

}
