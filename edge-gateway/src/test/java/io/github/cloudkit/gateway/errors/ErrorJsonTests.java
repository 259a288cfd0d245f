package io.github.cloudkit.gateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ErrorJsonTests {

	@Test
	void buildsTheSharedShapeAndEscapesWhatItIsGiven() {
		assertThat(ErrorJson.body(429, "hello", "say \"when\"")).isEqualTo(
				"{\"status\":429,\"error\":\"Too Many Requests\",\"route\":\"hello\",\"message\":\"say \\\"when\\\"\"}");
		assertThat(ErrorJson.body(404, null, "none")).isEqualTo(
				"{\"status\":404,\"error\":\"Not Found\",\"route\":null,\"message\":\"none\"}");
		assertThat(ErrorJson.body(599, null, "x")).contains("\"error\":\"Error\"");
	}

	@Test
	void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
		assertThat(ErrorJson.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
		assertThat(ErrorJson.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
		assertThat(ErrorJson.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
		assertThat(ErrorJson.retryAfterSeconds(Duration.ofSeconds(3))).isEqualTo(3);
	}
}
