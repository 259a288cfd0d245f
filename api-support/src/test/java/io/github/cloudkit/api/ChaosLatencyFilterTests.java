package io.github.cloudkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ChaosLatencyFilterTests {

	private final ChaosProperties chaos = new ChaosProperties();

	private final ChaosLatencyFilter filter = new ChaosLatencyFilter(chaos);

	@Test
	void everyAnswerButTheActuatorsComesThatMuchLaterAndNoneWithoutALatency() throws Exception {
		assertThat(millis("/things")).as("no latency configured").isLessThan(200);

		chaos.setLatency(Duration.ofMillis(300));
		assertThat(millis("/things")).isGreaterThanOrEqualTo(300);
		assertThat(millis("/actuator/health")).as("the actuator is never delayed").isLessThan(200);

		chaos.setLatency(Duration.ZERO);
		assertThat(millis("/things")).as("read per request: switched off again").isLessThan(200);
	}

	private long millis(String path) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		long started = System.nanoTime();
		filter.doFilter(new MockHttpServletRequest("GET", path), new MockHttpServletResponse(), chain);
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertThat(chain.getRequest()).as("the request goes on").isNotNull();
		return millis;
	}

}
