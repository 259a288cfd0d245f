package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class StockStartTests {

	private static final Machine MACHINE = new Machine("2", "a CPU", "24", "0.1 0.2 0.3", "openjdk 17", "abc1234");

	@Test
	void theRatioIsTakenWithinEachRoundThenItsMedian() {
		// Launcher / stock: 20 / 50 = 0.40 and 30 / 50 = 0.60, median 0.50; the medians themselves 25.0 and 50.0.
		List<StockStartReport.Start> starts = List.of(new StockStartReport.Start(1, true, 20.0, 19.0, 1500),
				new StockStartReport.Start(1, false, 50.0, null, 2500), new StockStartReport.Start(2, false, 50.0, null, 2600),
				new StockStartReport.Start(2, true, 30.0, 29.0, 1600));
		String markdown = new StockStartReport(starts, MACHINE, 2, "2026-12-02 16:00 UTC", List.of()).markdown();

		assertThat(markdown).contains("## Start")
				.contains("| healthy and routing, median (s) | **25.0** | **50.0** | **0.50** |")
				.contains("| each start (s) | 20.0, 30.0 | 50.0, 50.0 | 0.40, 0.60 |")
				.contains("| the launcher's own \"Platform up in\" (s) | 19, 29 | | |")
				.contains("| RSS of all when routing, median (MB) | 1550 | 2550 | |")
				.contains("Goal: the launcher's start at most 0.4 × the stock start's: 0.50, **not met**.");
	}

	@Test
	void theProgramArgumentsAreWhatFollowsTheArgfile() {
		assertThat(StockStartMode.programArguments(List.of("/usr/bin/java", "-Xmx96m", "-Dkit.instance=zipkin-service-1",
				"@/kit/zipkin-service/target/launch/launch.args", "--server.port=9411", "--logging.level.root=WARN")))
				.containsExactly("--server.port=9411", "--logging.level.root=WARN");
		assertThat(StockStartMode.programArguments(List.of("java", "@launch.args"))).isEmpty();
		assertThatThrownBy(() -> StockStartMode.programArguments(List.of("java", "-jar", "x.jar")))
				.isInstanceOf(BenchFailure.class);
	}

}
