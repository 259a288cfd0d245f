package io.github.cloudkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

class ErrorBodyTests {

	@Test
	void buildsTheServicesShapeAndTheGatewaysWithTheRoute() {
		assertThat(ErrorBody.json(401, "credentials required"))
				.isEqualTo("{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"credentials required\"}");
		assertThat(ErrorBody.json(429, "hello", "slow down")).isEqualTo(
				"{\"status\":429,\"error\":\"Too Many Requests\",\"route\":\"hello\",\"message\":\"slow down\"}");
		assertThat(ErrorBody.json(404, null, "none"))
				.isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"route\":null,\"message\":\"none\"}");
	}

	@Test
	void escapesWhatItIsGivenAsJsonStrings() {
		assertThat(ErrorBody.json(400, "a \"b\\c\"\n\u0001", "é"))
				.isEqualTo("{\"status\":400,\"error\":\"Bad Request\",\"route\":\"a \\\"b\\\\c\\\"\\n\\u0001\","
						+ "\"message\":\"é\"}");
	}

	@Test
	void aStatusWithoutAReasonPhraseIsNamedByItsClass() {
		assertThat(ErrorBody.reason(499)).isEqualTo("Client Error");
		assertThat(ErrorBody.reason(599)).isEqualTo("Server Error");
		assertThat(ErrorBody.reason(503)).isEqualTo("Service Unavailable");
	}

	@Test
	void writesStatusTypeLengthAndBodyOverWhateverWasBuffered() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.getOutputStream().write("<html>partial".getBytes(StandardCharsets.UTF_8));

		ErrorBody.write(response, 503, "hello", "é");

		byte[] expected = ErrorBody.bytes(503, "hello", "é");
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(response.getCharacterEncoding()).isEqualTo("UTF-8");
		assertThat(response.getContentLength()).isEqualTo(expected.length);
		assertThat(response.getContentAsByteArray()).isEqualTo(expected);
	}

	@Test
	void writesThroughTheWriterWhenTheFailedCodeHadTakenIt() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.getWriter();
		response.setOutputStreamAccessAllowed(false);

		ErrorBody.write(response, 400, ErrorBody.REJECTED);

		assertThat(response.getContentAsString(StandardCharsets.UTF_8))
				.isEqualTo("{\"status\":400,\"error\":\"Bad Request\",\"message\":\"the request was rejected\"}");
	}

}
