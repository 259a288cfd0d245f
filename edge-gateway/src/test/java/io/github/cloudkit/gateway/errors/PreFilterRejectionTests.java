package io.github.cloudkit.gateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PreFilterRejectionTests {

	@Test
	void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
		assertThat(PreFilterRejection.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
		assertThat(PreFilterRejection.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
		assertThat(PreFilterRejection.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
		assertThat(PreFilterRejection.retryAfterSeconds(Duration.ofSeconds(3))).isEqualTo(3);
	}

}
