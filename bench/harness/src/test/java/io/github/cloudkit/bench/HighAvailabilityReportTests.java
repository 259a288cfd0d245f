package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HighAvailabilityReportTests {

	private static final Machine MACHINE = new Machine("2", "a CPU", "24", "0.1 0.2 0.3", "openjdk 17", "abc1234");

	@Test
	void mediansSideBySideAndTheExtraInstancesOnlyInTheirColumn() {
		List<HighAvailabilityReport.Start> starts = List.of(start(1, false, 30.0, 200, 0), start(1, true, 40.0, 200, 190),
				start(2, true, 44.0, 210, 200), start(2, false, 32.0, 210, 0));
		String markdown = new HighAvailabilityReport(starts, MACHINE, 2, "2026-12-02 07:00 UTC", List.of()).markdown();

		assertThat(markdown).contains("## Start", "## Resident memory")
				.contains("| healthy and routing, median (s) | **31.0** | **42.0** | +11.0 s |")
				.contains("| each start (s) | 30.0, 32.0 | 40.0, 44.0 | |")
				.contains("| config-server-1 | 205 | 205 |")
				.contains("| discovery-service-2 | n/a | 195 |")
				.contains("| **all** | **410** | **800** |")
				.contains("`--ha` − plain: +390 MB resident in all.")
				.doesNotContain("## Warnings");
	}

	private static HighAvailabilityReport.Start start(int round, boolean ha, double seconds, double server, double second) {
		Map<String, Double> resident = new LinkedHashMap<>();
		resident.put("config-server-1", server);
		resident.put("discovery-service-1", server);
		if (ha) {
			resident.put("discovery-service-2", second);
			resident.put("config-server-2", second);
		}
		return new HighAvailabilityReport.Start(round, ha, seconds, seconds + 1, resident);
	}

}
