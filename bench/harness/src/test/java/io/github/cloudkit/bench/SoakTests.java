package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.cloudkit.bench.SoakSample.Measure;
import io.github.cloudkit.bench.SoakTrends.Trend;
import io.github.cloudkit.bench.SoakTrends.Verdict;
import io.github.cloudkit.testsupport.LoadGenerator;

/** The soak's statistics, bounds, verdict and report from fixed samples. */
class SoakTests {

	@Test
	void leastSquaresFindsTheLineThroughNoisyPoints() {
		// y = 3 + 0.5 x with noise that sums to zero and is symmetric around the middle: the fit is exact.
		List<Double> x = List.of(0.0, 1.0, 2.0, 3.0, 4.0);
		List<Double> y = List.of(3.0 + 0.2, 3.5 - 0.1, 4.0 - 0.2, 4.5 - 0.1, 5.0 + 0.2);
		SoakTrends.Line line = SoakTrends.leastSquares(x, y).orElseThrow();
		assertThat(line.slopePerMinute()).isCloseTo(0.5, within(1e-9));
		assertThat(line.intercept()).isCloseTo(3.0, within(1e-9));
		assertThat(SoakTrends.leastSquares(List.of(1.0, 1.0), List.of(2.0, 5.0))).isEmpty();
		assertThat(SoakTrends.leastSquares(List.of(1.0), List.of(2.0))).isEmpty();
		assertThatThrownBy(() -> SoakTrends.leastSquares(List.of(1.0, 2.0), List.of(2.0)))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theWindowStartsAtMinuteTenOfThirtyAndAThirdIntoAShorterSoak() {
		assertThat(SoakTrends.windowStart(30)).isEqualTo(10.0);
		assertThat(SoakTrends.windowStart(60)).isEqualTo(10.0);
		assertThat(SoakTrends.windowStart(3)).isEqualTo(1.0);
	}

	@Test
	void boundsAreTwentyMegabytesOrTenPercentFiveThreadsTenDescriptors() {
		assertThat(SoakTrends.bound(Measure.RSS, 150)).isEqualTo(20.0);
		assertThat(SoakTrends.bound(Measure.RSS, 300)).isEqualTo(30.0);
		assertThat(SoakTrends.bound(Measure.THREADS, 80)).isEqualTo(5.0);
		assertThat(SoakTrends.bound(Measure.DESCRIPTORS, 200)).isEqualTo(10.0);
		assertThatThrownBy(() -> SoakTrends.bound(Measure.HEAP_AFTER_GC, 40)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aServiceThatLeaksAThreadAMinuteGrowsOneThatIsFlatIsWithin() {
		List<SoakSample> samples = new ArrayList<>();
		samples.addAll(service("edge-gateway-1", 10, minute -> 200, minute -> 60 + minute, minute -> 100));
		samples.addAll(service("config-server-1", 11, minute -> 180 + (minute % 2), minute -> 40, minute -> 90));
		List<Trend> trends = SoakTrends.trends(samples, 10);

		Trend leaking = trend(trends, "edge-gateway-1", Measure.THREADS);
		assertThat(leaking.atStart()).isEqualTo(70.0);
		assertThat(leaking.atEnd()).isEqualTo(90.0);
		assertThat(leaking.growth()).isEqualTo(20.0);
		assertThat(leaking.slopePerTenMinutes()).isCloseTo(10.0, within(1e-9));
		assertThat(leaking.fittedRise()).isCloseTo(20.0, within(1e-9));
		assertThat(leaking.verdict()).isEqualTo(Verdict.GROWS);

		Trend flat = trend(trends, "config-server-1", Measure.RSS);
		assertThat(flat.verdict()).isEqualTo(Verdict.WITHIN);
		assertThat(flat.bound()).isEqualTo(20.0);
		assertThat(Math.abs(flat.fittedRise())).isLessThan(1.0);
		assertThat(trend(trends, "config-server-1", Measure.HEAP_AFTER_GC).verdict()).isEqualTo(Verdict.NOT_JUDGED);
	}

	@Test
	void theFittedRiseNotOneSpikeAtTheEndIsJudged() {
		// Flat at 100 descriptors, the very last sample 30 higher: the end-to-end growth is 30, the fitted rise small.
		List<SoakSample> samples = service("discovery-service-1", 12, minute -> 150, minute -> 50,
				minute -> minute == 30 ? 130 : 100);
		Trend trend = SoakTrends.trend("discovery-service-1", Measure.DESCRIPTORS, samples, 10);
		assertThat(trend.growth()).isEqualTo(30.0);
		assertThat(trend.fittedRise()).isLessThan(10.0);
		assertThat(trend.verdict()).isEqualTo(Verdict.WITHIN);
	}

	@Test
	void aRestartedServiceTooFewSamplesAndSampleInstancesAreSaid() {
		List<SoakSample> samples = new ArrayList<>(service("zipkin-service-1", 13, minute -> 150, minute -> 50, minute -> 80));
		samples.add(new SoakSample(30.5, "zipkin-service-1", 99, 150.0, null, 50L, 80L));
		samples.addAll(service("sample-service-1", 14, minute -> 150 + 10 * minute, minute -> 40 + minute, minute -> 80));
		samples.add(new SoakSample(0, "message-broker-1", 15, 90.0, null, 30L, 70L));
		List<Trend> trends = SoakTrends.trends(samples, 10);

		assertThat(SoakTrends.longLived(samples)).containsExactly("zipkin-service-1", "message-broker-1");
		assertThat(trend(trends, "zipkin-service-1", Measure.RSS).verdict()).isEqualTo(Verdict.RESTARTED);
		assertThat(trend(trends, "message-broker-1", Measure.THREADS).verdict()).isEqualTo(Verdict.TOO_FEW_SAMPLES);
		assertThat(trend(trends, "message-broker-1", Measure.HEAP_AFTER_GC).verdict()).isEqualTo(Verdict.NOT_JUDGED);
		assertThat(trends).noneMatch(trend -> trend.service().startsWith("sample-service"));
		assertThat(SoakTrends.notJudgedBecause("prometheus-1", Measure.RSS)).isPresent();
		assertThat(SoakTrends.notJudgedBecause("prometheus-1", Measure.THREADS)).isEmpty();
	}

	@Test
	void samplesSurviveTheTsv() {
		SoakSample full = new SoakSample(12.5, "edge-gateway-1", 4242, 210.25, 31.5, 77L, 120L);
		SoakSample blank = new SoakSample(0, "message-broker-1", 17, 95.0, null, 33L, null);
		String tsv = SoakSample.TSV_HEADER + "\n" + full.tsv() + "\n" + blank.tsv() + "\n";
		List<SoakSample> read = SoakSample.parseAll(tsv);
		assertThat(read.get(0)).isEqualTo(new SoakSample(12.5, "edge-gateway-1", 4242, 210.3, 31.5, 77L, 120L));
		assertThat(read.get(1)).isEqualTo(blank);
		assertThat(full.tsv()).isEqualTo("12.50\tedge-gateway-1\t4242\t210.3\t31.5\t77\t120");
		assertThatThrownBy(() -> SoakSample.parse("1\t2")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theScheduleCommitsEveryMinuteAndRestartsEveryFiveOrOnceInAShortSoak() {
		List<SoakMode.Event> thirty = SoakMode.schedule(30);
		assertThat(thirty.stream().filter(event -> !event.restart())).hasSize(29);
		assertThat(thirty.stream().filter(SoakMode.Event::restart).map(SoakMode.Event::minute))
				.containsExactly(5.0, 10.0, 15.0, 20.0, 25.0);
		// The minute's commit comes before its restart.
		assertThat(thirty.get(4)).isEqualTo(new SoakMode.Event(5, false));
		assertThat(thirty.get(5)).isEqualTo(new SoakMode.Event(5, true));
		assertThat(SoakMode.schedule(3)).containsExactly(new SoakMode.Event(1, false), new SoakMode.Event(1.5, true),
				new SoakMode.Event(2, false));
	}

	@Test
	void aJudgedSoakPassesOnlyWithoutFailedRequestsAndWithinEveryBound() {
		SoakFacts facts = facts(true);
		assertThat(SoakReport.failures(facts)).isEmpty();
		String markdown = SoakReport.markdown(facts);
		assertThat(markdown).contains("## Verdict\n\n**PASS**", "| Sent | Succeeded | Fell back | Failed | Longest ms |",
				"| 2000 | 2000 | 0 | 0 | 240 |", "## Slopes per service", "## RSS (MB)", "## Live threads (threads)",
				"## Open file descriptors (fds)", "## Heap after GC (MB)", "![", "(soak.png)");
		assertThat(markdown.lines()).anyMatch(line -> line.startsWith("| edge-gateway-1 | +0.0 |"));
		assertThat(markdown.lines()).anyMatch(line -> line.startsWith("| sample-service-1 | 21 | 6.0 | 6.0 | 160.0 |"));
		assertThat(markdown).doesNotContain("Smoke run", "## Warnings");

		facts.load = new LoadGenerator.Summary(2000, 1997, 1, Map.of("no answer", 2), 10000, Map.of(200, 1997));
		facts.samples.addAll(service("admin-server-1", 30, minute -> 200 + 3 * minute, minute -> 40, minute -> 60));
		List<String> failures = SoakReport.failures(facts);
		assertThat(failures).containsExactly("2 failed request(s) {no answer=2}", "1 request(s) answered by the gateway's fallback",
				"admin-server-1 RSS: GROWS (+60.0 MB, bound 23)");
		assertThat(SoakReport.markdown(facts)).contains("## Verdict\n\n**FAIL**:", "- admin-server-1 RSS: GROWS");
	}

	@Test
	void aShortSoakIsASmokeThatSaysWhatItWouldBe() {
		SoakFacts facts = facts(false);
		facts.commits.add(new SoakFacts.Commit(3, 3.0, null, "not every instance answers it after 60 s"));
		String markdown = SoakReport.markdown(facts);
		assertThat(markdown).contains("Smoke run (30 minutes)", "Not judged (a smoke); by the bounds it would be **FAIL**",
				"- 1 of 3 commits not applied by every instance", "- commit 3 (minute 3.0): not every instance answers");
	}

	@Test
	void theReportAndPlotAreWrittenFromTheSamples(@TempDir Path folder) throws Exception {
		SoakFacts facts = facts(true);
		Path png = folder.resolve("soak.png");
		SoakPlot.write(facts.samples, 10, png);
		byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
		assertThat(head).containsExactly(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
	}

	private static SoakFacts facts(boolean judged) {
		SoakFacts facts = new SoakFacts();
		facts.judged = judged;
		facts.minutes = 30;
		facts.rate = 25;
		facts.instances = 2;
		facts.restartEveryMinutes = 5;
		facts.sampleEverySeconds = 30;
		facts.date = "2026-12-02 08:00 UTC";
		facts.machine = new Machine("2", "Test CPU", "8", "0.1 0.2 0.3", "openjdk 17.0.9", "abc1234");
		facts.url = "http://127.0.0.1:1/hello/id";
		facts.load = new LoadGenerator.Summary(2000, 2000, 0, Map.of(), 240, Map.of(200, 2000));
		facts.commits.add(new SoakFacts.Commit(1, 1.0, 1.5, null));
		facts.commits.add(new SoakFacts.Commit(2, 2.0, 2.5, null));
		facts.restartsPlanned = 1;
		facts.restarts.add(new SoakFacts.Restart(1, 5.0, 61, List.of("sample-service-1 (PID 20) by sample-service-3 (PID 21)"),
				null));
		facts.samples.addAll(service("edge-gateway-1", 10, minute -> 230, minute -> 70, minute -> 110));
		facts.samples.add(new SoakSample(0, "sample-service-1", 20, 170.0, 20.0, 45L, 70L));
		facts.samples.add(new SoakSample(6, "sample-service-1", 21, 160.0, null, 44L, 71L));
		return facts;
	}

	/** Samples of one process every 30 s from minute 0 to 30, each figure a function of the minute. */
	private static List<SoakSample> service(String name, long pid, DoubleUnaryOperator rss, DoubleUnaryOperator threads,
			DoubleUnaryOperator descriptors) {
		List<SoakSample> samples = new ArrayList<>();
		for (int half = 0; half <= 60; half++) {
			double minute = half / 2.0;
			samples.add(new SoakSample(minute, name, pid, rss.applyAsDouble(minute), 30.0,
					Math.round(threads.applyAsDouble(minute)), Math.round(descriptors.applyAsDouble(minute))));
		}
		return samples;
	}

	private static Trend trend(List<Trend> trends, String service, Measure measure) {
		return trends.stream().filter(trend -> trend.service().equals(service) && trend.measure() == measure).findFirst()
				.orElseThrow();
	}

}
