package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** bench/bus.md from a fixed set of facts: the headings .ci/bench-smoke looks for, the figures and the comparison. */
class BusReportTests {

	@Test
	void propagationMedianAndMaxEachCommitAndTheCounters() {
		BusFacts facts = facts();
		List<String> lines = BusReport.markdown(facts).lines().toList();

		assertThat(lines).contains("## Commit to every instance", "## Each commit", "## Refreshes counted", "## Cost of the bus");
		// Last per commit: 2.0, 3.5, 2.5 -> median 2.5, max 3.5; first: 1.0, 1.5, 2.0.
		assertThat(lines).contains("| the last of 3 instances answering the new message | **2.50** | **3.50** | 2.00 |",
				"| the first instance answering it | 1.50 | 2.00 | 1.00 |",
				"| the spread: first to last instance | 1.00 | 2.00 | 0.50 |");
		assertThat(lines).contains(
				"| Commit | first (s) | last (s) | last instance | sample-service-1 (s) | sample-service-2 (s) | sample-service-3 (s) | `git commit` (ms) |",
				"| 2 | 1.50 | 3.50 | sample-service-3 | 1.50 | 2.00 | 3.50 | 12 |");
		assertThat(lines).contains("Gateway's refresh count unchanged: **yes**.", "| edge-gateway-1 | 1 | 1 | 0 | 0 |",
				"| sample-service-1 | 1 | 4 | 3 | 0 |");
		assertThat(lines).anyMatch(line -> line.contains("`kit_config_commits_total{outcome=\"published\"}`): 3 of 3."));
		assertThat(lines).anyMatch(line -> line.startsWith("Not part of this run"));
		assertThat(lines).doesNotContain("## Warnings");
	}

	@Test
	void aGatewayThatRefreshedIsSaid() {
		BusFacts facts = facts();
		facts.applied.put("edge-gateway-1", new BusFacts.Count(1.0, 2.0));
		assertThat(BusReport.markdown(facts)).contains("Gateway's refresh count unchanged: **no: +1**.");
	}

	@Test
	void theCostOfTheBusComparesMediansPerServiceTheBrokerOnlyWithIt() {
		BusFacts facts = facts();
		facts.coldBefore.add(cold("b1.md", "fd6d13c", 30.0, Map.of("config-server-1", row(10.0, 8.0, 200.0))));
		facts.coldBefore.add(cold("b2.md", "fd6d13c", 32.0, Map.of("config-server-1", row(12.0, 9.0, 210.0))));
		Map<String, ColdStartTable.Row> with = new LinkedHashMap<>();
		with.put("message-broker-1", row(9.0, 7.0, 150.0));
		with.put("config-server-1", row(13.0, 10.0, 220.0));
		facts.coldAfter.add(cold("a1.md", "abc1234", 35.0, with));
		String report = BusReport.markdown(facts);
		List<String> lines = report.lines().toList();

		assertThat(lines).contains("| message-broker-1 | – | 9.0 | – | – | 7.0 | – | – | 150 | – |",
				"| config-server-1 | 11.0 | 13.0 | +2.0 | 8.5 | 10.0 | +1.5 | 205 | 220 | +15 |",
				"| **every service healthy, `/hello` routed** | 31.0 | 35.0 | +4.0 | | | | | | |",
				"| **all services together** | | | | | | | 205 | 370 | +165 |",
				"| config-server-1 | 10.0, 12.0 / 13.0 | 8.0, 9.0 / 10.0 | 200, 210 / 220 |");
		assertThat(report).contains("kit fd6d13c) and 1 of one with it (kit abc1234)");
		assertThat(lines).doesNotContain("## Warnings");

		facts.coldAfter.add(new ColdStartTable("a2.md", "abc1234", true, 1, 30.0,
				Map.of("config-server-1", new ColdStartTable.Row(20.0, 15.0, 14.0, 230.0, "recording"))));
		assertThat(BusReport.markdown(facts)).contains("## Warnings",
				"- a2.md: started without a class-data archive: config-server-1 (recording)");
	}

	private static BusFacts facts() {
		BusFacts facts = new BusFacts();
		facts.quick = true;
		facts.date = "2026-12-01 18:00 UTC";
		facts.runSeconds = 80;
		facts.machine = new Machine("2", "Test CPU", "8", "0.50 0.40 0.30", "openjdk 17", "abc1234");
		facts.instances = 3;
		facts.commits = 3;
		facts.pollMillis = 50;
		facts.pauseMillis = 1000;
		facts.graceMillis = 3000;
		facts.upSeconds = "40.0";
		facts.jvmOptions = "-Xss512k";
		facts.propagations.add(propagation(1, 1.0, 1.5, 2.0));
		facts.propagations.add(propagation(2, 1.5, 2.0, 3.5));
		facts.propagations.add(propagation(3, 2.0, 2.5, 2.5));
		facts.applied.put("edge-gateway-1", new BusFacts.Count(1.0, 1.0));
		facts.rejected.put("edge-gateway-1", new BusFacts.Count(0.0, 0.0));
		facts.applied.put("sample-service-1", new BusFacts.Count(1.0, 4.0));
		facts.rejected.put("sample-service-1", new BusFacts.Count(0.0, 0.0));
		facts.published = new BusFacts.Count(0.0, 3.0);
		return facts;
	}

	private static BusFacts.Propagation propagation(int commit, double one, double two, double three) {
		Map<String, Double> reached = new LinkedHashMap<>();
		reached.put("sample-service-1", one);
		reached.put("sample-service-2", two);
		reached.put("sample-service-3", three);
		return new BusFacts.Propagation(commit, 12, reached);
	}

	private static ColdStartTable.Row row(double healthy, double started, double rss) {
		return new ColdStartTable.Row(healthy, started, started + 1, rss, "archive");
	}

	private static ColdStartTable cold(String source, String commit, double total, Map<String, ColdStartTable.Row> rows) {
		return new ColdStartTable(source, commit, true, 1, total, rows);
	}

}
