package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** bench/footprint.md from fixed cold-start and memory tables: the new services found, the figures, the verdict. */
class FootprintReportTests {

	@Test
	void theNewServicesAreThoseOnlyTheRunsAfterHaveAndTheirFiguresAreMedians() {
		ColdStartComparison cold = comparison(70.0);
		assertThat(cold.newServices()).containsExactly("admin-server-1", "prometheus-1");
		String report = report(cold, 240.0);
		List<String> lines = report.lines().toList();

		assertThat(lines).contains("## The new services", "## Cold start, per service", "## Memory after the load", "## Each run",
				"| admin-server-1 | 52.0 | 21.0 | 205 | 240 | 250 | archive |",
				"| prometheus-1 | 30.0 | n/a | 60 | 70 | 80 | not a JVM |",
				"| config-server-1 | 11.0 | 12.0 | +1.0 | 8.5 | 9.0 | +0.5 | 205 | 210 | +5 |",
				"| admin-server-1 | – | 52.0 | – | – | 21.0 | – | – | 205 | – |",
				"| **every service healthy, `/hello` routed** | 61.0 | 70.0 | +9.0 | | | | | | |",
				"| config-server-1 | 400 | 400 | +0 | 420 | 420 | +0 |",
				"| config-server-1 | 10.0, 12.0 / 12.0, 12.0 | 8.0, 9.0 / 9.0, 9.0 | 200, 210 / 210, 210 |");
		// Prometheus is no JVM: it has no class-data archive, and that is no warning.
		assertThat(lines).doesNotContain("## Warnings");
	}

	@Test
	void theVerdictJudgesEachNewServicesRssAndTheGrowthAgainstItsOwnStart() {
		assertThat(report(comparison(70.0), 240.0)).contains("**Verdict:** **goal met**: "
				+ "admin-server-1 205 MB RSS after start, 240 MB after the load: within the 256 MB budget; "
				+ "prometheus-1 60 MB RSS after start, 70 MB after the load: within the 256 MB budget; "
				+ "the platform's cold start 61.0 s before, 70.0 s after (+9.0 s), no more than admin-server-1's own start "
				+ "(\"Started in\" 21.0 s; healthy 52.0 s after the launch).");
	}

	@Test
	void overTheBudgetAfterTheLoadOrAColdStartGrownMoreThanTheNewStartIsNotMet() {
		String overBudget = new FootprintReport(comparison(70.0), List.of(), List.of(memory(300.0)), "today").verdict();
		assertThat(overBudget).startsWith("**goal not met**: admin-server-1 205 MB RSS after start, 300 MB after the load: "
				+ "over the 256 MB budget by 44 MB;");
		String slower = new FootprintReport(comparison(90.0), List.of(), List.of(memory(240.0)), "today").verdict();
		assertThat(slower).startsWith("**goal not met**:")
				.contains("61.0 s before, 90.0 s after (+29.0 s), more than admin-server-1's own start");
	}

	@Test
	void aProcessThatIsNoJavaIsNoJvmAndHasNoClassData() {
		assertThat(JvmCommandLine.classData(List.of("prometheus", "--config.file=/tmp/state/prometheus/prometheus.yml")))
				.isEqualTo(JvmCommandLine.NOT_A_JVM);
		assertThat(JvmCommandLine.classData(List.of("/usr/bin/java", "-XX:SharedArchiveFile=a.jsa", "-Dkit.instance=x")))
				.isEqualTo("archive");
	}

	@Test
	void theJavaOfACommandLineIsItsFirstArgumentAndAnUnreadableOneFails() {
		assertThat(JvmCommandLine.java(List.of("/usr/lib/jvm/java-17/bin/java", "-Xmx96m", "-Dkit.instance=x")))
				.isEqualTo("/usr/lib/jvm/java-17/bin/java");
		assertThatThrownBy(() -> JvmCommandLine.java(List.of())).isInstanceOf(BenchFailure.class)
				.hasMessageContaining("command line");
	}

	@Test
	void theMemorySectionOfAResultsFileReadBack() {
		MemoryAfterLoad memory = MemoryAfterLoad.parse("after.md", """
				## Memory after the load

				| Service | RSS (MB) | peak RSS (MB) |
				|---|---:|---:|
				| admin-server-1 | 231 | 244 |
				| prometheus-1 | n/a | 90 |
				| nginx (master + workers) | 12 | |

				## Scaling
				""");
		assertThat(memory.rows()).containsEntry("admin-server-1", new MemoryAfterLoad.Row(231.0, 244.0))
				.containsEntry("prometheus-1", new MemoryAfterLoad.Row(null, 90.0));
		assertThat(MemoryAfterLoad.parse("x.md", "## Cold start\n").rows()).isEmpty();
	}

	private static String report(ColdStartComparison cold, double adminAfterLoad) {
		return new FootprintReport(cold, List.of(memory(null), memory(null)),
				List.of(memory(adminAfterLoad), memory(adminAfterLoad)), "2026-12-01 18:00 UTC").markdown();
	}

	/** Two runs before (no admin server, no Prometheus) and two after, the second after taking {@code total}. */
	private static ColdStartComparison comparison(double total) {
		ColdStartTable before1 = table("b1.md", "fbdbc0a", 60.0, Map.of("config-server-1", row(10.0, 8.0, 200.0)));
		ColdStartTable before2 = table("b2.md", "fbdbc0a", 62.0, Map.of("config-server-1", row(12.0, 9.0, 210.0)));
		List<ColdStartTable> after = List.of(after("a1.md", total), after("a2.md", total));
		return new ColdStartComparison(List.of(before1, before2), after);
	}

	private static ColdStartTable after(String source, double total) {
		Map<String, ColdStartTable.Row> rows = new LinkedHashMap<>();
		rows.put("config-server-1", row(12.0, 9.0, 210.0));
		rows.put("admin-server-1", row(52.0, 21.0, 205.0));
		rows.put("prometheus-1", new ColdStartTable.Row(30.0, null, null, 60.0, JvmCommandLine.NOT_A_JVM));
		return table(source, "3aa7ff9", total, rows);
	}

	private static MemoryAfterLoad memory(Double admin) {
		Map<String, MemoryAfterLoad.Row> rows = new LinkedHashMap<>();
		rows.put("config-server-1", new MemoryAfterLoad.Row(400.0, 420.0));
		if (admin != null) {
			rows.put("admin-server-1", new MemoryAfterLoad.Row(admin, 250.0));
			rows.put("prometheus-1", new MemoryAfterLoad.Row(70.0, 80.0));
		}
		return new MemoryAfterLoad("m.md", rows);
	}

	private static ColdStartTable.Row row(double healthy, double started, double rss) {
		return new ColdStartTable.Row(healthy, started, started + 1, rss, "archive");
	}

	private static ColdStartTable table(String source, String commit, double total, Map<String, ColdStartTable.Row> rows) {
		return new ColdStartTable(source, commit, true, 1, total, rows);
	}

}
