package io.github.cloudkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessReadingsTests {

	@Test
	void statFieldsSurviveACommandNameWithSpacesAndParentheses(@TempDir Path folder) throws IOException {
		Path stat = folder.resolve("stat");
		Files.writeString(stat, "4242 (C2 (Compiler) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 731 52 0 0 20 0 30 0 12345 0 0\n");
		String[] fields = ProcessReadings.statFields(stat).orElseThrow();
		assertThat(fields[0]).isEqualTo("S");
		assertThat(ProcessReadings.userAndSystemTicks(fields)).isEqualTo(783);
		assertThat(fields[19]).isEqualTo("12345");
	}

	@Test
	void compilerTicksCountOnlyWhatEachThreadAddedNewThreadsFromZero() {
		Map<Long, Long> before = Map.of(10L, 100L, 11L, 50L, 12L, 7L);
		Map<Long, Long> after = Map.of(10L, 130L, 11L, 50L, 13L, 5L);
		assertThat(ProcessReadings.compilerTicksBetween(before, after)).isEqualTo(35);
	}

	@Test
	void thisJvmReadsItself() {
		ProcessReadings self = new ProcessReadings(ProcessHandle.current().pid());
		assertThat(self.alive()).isTrue();
		assertThat(self.cpuTicks()).isPositive();
		assertThat(self.residentMegabytesIfAlive().orElseThrow()).isPositive();
		assertThat(self.peakResidentMegabytes().orElseThrow()).isGreaterThanOrEqualTo(self.residentMegabytesIfAlive().get());
		assertThat(self.commandLine().get(0)).endsWith("java");
		assertThat(self.environment()).containsKey("PATH");
		assertThat(self.startedAtEpochSeconds().orElseThrow()).isLessThan(System.currentTimeMillis() / 1000.0 + 1);
		assertThat(new ProcessReadings(Long.MAX_VALUE / 2).residentMegabytesIfAlive()).isEmpty();
	}

}
