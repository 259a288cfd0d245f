package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkOutputTests {

	private static final String WITH_ERRORS = """
			Running 4s test @ http://127.0.0.1:20001/hello
			  2 threads and 32 connections
			  Thread Stats   Avg      Stdev     Max   +/- Stdev
			    Latency     5.12ms    3.40ms  1.02s    91.20%
			    Req/Sec     3.21k   410.00     4.10k    70.00%
			  Latency Distribution
			     50%  850.00us
			     75%    6.01ms
			     90%    9.50ms
			     99%    1.25s
			  25612 requests in 4.00s, 4.10MB read
			  Socket errors: connect 1, read 2, write 3, timeout 4
			  Non-2xx or 3xx responses: 17
			Requests/sec:   6401.93
			Transfer/sec:      1.02MB
			""";

	@Test
	void readsThroughputPercentilesAndErrors() {
		WrkOutput output = WrkOutput.parse(WITH_ERRORS);
		assertThat(output.requestsPerSecond()).isEqualTo(6401.93);
		assertThat(output.p50Millis()).isCloseTo(0.85, within(1e-9));
		assertThat(output.p99Millis()).isCloseTo(1250, within(1e-9));
		assertThat(output.requests()).isEqualTo(25612);
		assertThat(output.non2xx()).isEqualTo(17);
		assertThat(output.socketErrors()).isEqualTo(10);
	}

	@Test
	void aCleanRunHasNoErrors() {
		String clean = WITH_ERRORS.replaceAll("(?m)^.*(Socket errors|Non-2xx).*\n", "");
		WrkOutput output = WrkOutput.parse(clean);
		assertThat(output.non2xx()).isZero();
		assertThat(output.socketErrors()).isZero();
	}

	@Test
	void latencyUnitsBecomeMilliseconds() {
		assertThat(WrkOutput.millis("250.00us")).isCloseTo(0.25, within(1e-9));
		assertThat(WrkOutput.millis("3.50ms")).isEqualTo(3.5);
		assertThat(WrkOutput.millis("2.00s")).isEqualTo(2000);
		assertThat(WrkOutput.millis("1.50m")).isEqualTo(90_000);
		assertThat(WrkOutput.millis("7")).isEqualTo(7);
	}

	@Test
	void outputWithoutFiguresIsRefused() {
		assertThatThrownBy(() -> WrkOutput.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
				.isInstanceOf(IllegalArgumentException.class);
		assertThat(WrkOutput.requestsPerSecondOf("nothing")).isEmpty();
		assertThat(WrkOutput.requestsPerSecondOf(WITH_ERRORS)).contains(6401.93);
	}

}
