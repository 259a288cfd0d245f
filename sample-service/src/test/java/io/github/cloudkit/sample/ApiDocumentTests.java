package io.github.cloudkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cloudkit.support.ErrorBody;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** The service's OpenAPI document: anonymous, complete, with the error body's schema, its server as the client sees it. */
@SampleServiceTest
class ApiDocumentTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String ERROR_SCHEMA = "#/components/schemas/Error";

	@Autowired
	TestRestTemplate http;

	@LocalServerPort
	int port;

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

	/** The schema is documentation; the body is ErrorBody's: the same fields, or the document lies. */
	@Test
	void theErrorSchemaHasExactlyTheFieldsOfTheErrorBody() throws IOException {
		JsonNode schema = document(RequestEntity.get(URI.create("/v3/api-docs")).build()).at("/components/schemas/Error");

		assertThat(fieldNames(schema.get("properties"))).isEqualTo(fieldNames(JSON.readTree(ErrorBody.json(404, "x"))));
	}

	@Test
	void theServerIsTheGatewaysRouteWhenAskedThroughItAndTheServiceItselfOtherwise() throws IOException {
		RequestEntity<Void> throughGateway = RequestEntity.get(URI.create("/v3/api-docs"))
				.header("X-Forwarded-Host", "localhost:8080").header("X-Forwarded-Proto", "http")
				.header("X-Forwarded-Port", "8080").header("X-Forwarded-Prefix", "/hello").build();

		assertThat(document(throughGateway).at("/servers/0/url").asText()).isEqualTo("http://localhost:8080/hello");
		assertThat(document(RequestEntity.get(URI.create("/v3/api-docs")).build()).at("/servers/0/url").asText())
				.as("not the URL of an earlier request").isEqualTo("http://localhost:" + port);
	}

	private JsonNode document(RequestEntity<Void> request) throws IOException {
		ResponseEntity<String> answer = http.exchange(request, String.class);
		assertThat(answer.getStatusCode()).as("anonymous").isEqualTo(HttpStatus.OK);
		return JSON.readTree(answer.getBody());
	}

	private static List<String> fieldNames(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.fieldNames().forEachRemaining(names::add);
		names.sort(null);
		return names;
	}

}
