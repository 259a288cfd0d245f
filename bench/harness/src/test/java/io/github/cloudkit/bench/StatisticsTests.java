package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.cloudkit.bench.Measurement.Metric;
import io.github.cloudkit.bench.Statistics.Paired;
import io.github.cloudkit.bench.Statistics.Pairing;

class StatisticsTests {

	@Test
	void medianOfOddEvenAndNoValues() {
		assertThat(Statistics.median(List.of(3.0, 1.0, 2.0))).contains(2.0);
		assertThat(Statistics.median(List.of(4.0, 1.0, 3.0, 2.0))).contains(2.5);
		assertThat(Statistics.median(List.of())).isEmpty();
	}

	@Test
	void maxAndMinOfSomeAndOfNoValues() {
		assertThat(Statistics.max(List.of(1.5, 4.25, 2.0))).contains(4.25);
		assertThat(Statistics.min(List.of(1.5, 4.25, 2.0))).contains(1.5);
		assertThat(Statistics.max(List.of())).isEmpty();
		assertThat(Statistics.min(List.of())).isEmpty();
	}

	@Test
	void ratiosAreTakenWithinEachRoundThenTheirMedian() {
		// Round 2 of b is missing and round 4 of b is zero: neither can give a ratio.
		Paired paired = Statistics.paired(Map.of(1, 100.0, 2, 90.0, 3, 120.0, 4, 50.0, 5, 80.0),
				Map.of(1, 50.0, 3, 40.0, 4, 0.0, 5, 80.0), Pairing.RATIO);
		assertThat(paired.perRound()).containsExactly(2.0, 3.0, 1.0);
		assertThat(paired.median()).contains(2.0);
	}

	@Test
	void differencesKeepTheirSignAndAllowZero() {
		Paired paired = Statistics.paired(Map.of(2, 1.0, 1, 5.0), Map.of(1, 2.0, 2, 0.0), Pairing.DIFFERENCE);
		assertThat(paired.perRound()).containsExactly(3.0, 1.0);
		assertThat(paired.median()).contains(2.0);
		assertThat(Statistics.paired(Map.of(1, 1.0), Map.of(), Pairing.RATIO).median()).isEmpty();
	}

	@Test
	void medianOverRoundsOfOneLabelLeavesAbsentValuesOut() {
		Statistics statistics = new Statistics(List.of(run("compare", "direct", 1, 1000, null),
				run("compare", "direct", 2, 3000, null), run("compare", "gateway", 1, 500, 0.4),
				run("compare", "gateway", 2, 700, 0.2), run("compare", "gateway", 3, 600, null)));
		assertThat(statistics.median("compare", "direct", Metric.REQUESTS_PER_SECOND)).contains(2000.0);
		assertThat(statistics.median("compare", "direct", Metric.PROXY_CPU)).isEmpty();
		assertThat(statistics.median("compare", "gateway", Metric.PROXY_CPU).orElseThrow()).isCloseTo(0.3, within(1e-9));
		assertThat(statistics.rounds("compare", "gateway", Metric.REQUESTS_PER_SECOND, "%.0f")).isEqualTo("500, 700, 600");
		assertThat(statistics.paired("compare", "gateway", "direct", Metric.REQUESTS_PER_SECOND, Pairing.RATIO).perRound())
				.containsExactly(0.5, 700 / 3000.0);
		assertThat(Statistics.format(Optional.empty(), "%.2f")).isEqualTo("n/a");
	}

	static Measurement run(String phase, String label, int round, double rps, Double proxyCpu) {
		return new Measurement(phase, label, round, rps, 1.5, 9.25, (long) rps * 4, 0, 0, proxyCpu, 0.5, 0.01, 12.0,
				(proxyCpu == null ? 0 : proxyCpu) + 0.51);
	}

}
