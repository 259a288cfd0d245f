package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixedRateRunTests {

	@Test
	void percentilesAreExactRanksOfTheSortedLatencies() {
		long[] micros = new long[1000];
		for (int i = 0; i < micros.length; i++) {
			micros[i] = (i + 1) * 1000L;
		}
		// The 500th, 990th and 999th of 1000 latencies of 1 to 1000 ms.
		assertThat(FixedRateRun.percentileMillis(micros, 0.50)).isEqualTo(500.0);
		assertThat(FixedRateRun.percentileMillis(micros, 0.99)).isEqualTo(990.0);
		assertThat(FixedRateRun.percentileMillis(micros, 0.999)).isEqualTo(999.0);
		assertThat(FixedRateRun.percentileMillis(new long[] { 1500 }, 0.999)).isEqualTo(1.5);
		assertThat(FixedRateRun.percentileMillis(new long[0], 0.99)).isZero();
	}

	@Test
	void aLineOfTheDataFile() {
		assertThat(new FixedRateRun(50, 1200, "gateway", 2, 18000, 3, 1.5, 9.25, 20.125, 0.04321).tsv())
				.isEqualTo("50\t1200\tgateway\t2\t18000\t3\t1.500\t9.250\t20.125\t0.0432");
	}

}
