package io.github.cloudkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

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

	@Test
	void threadsAndDescriptorsFollowWhatThisJvmOpens(@TempDir Path folder) throws Exception {
		ProcessReadings self = new ProcessReadings(ProcessHandle.current().pid());
		long threadsBefore = self.threads().orElseThrow();
		long descriptorsBefore = self.openFileDescriptors().orElseThrow();
		CountDownLatch release = new CountDownLatch(1);
		List<Thread> started = new ArrayList<>();
		List<InputStream> opened = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				Thread thread = new Thread(() -> {
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
				thread.start();
				started.add(thread);
				Path file = folder.resolve("open-" + i);
				Files.writeString(file, "x");
				opened.add(Files.newInputStream(file));
			}
			// Other threads of the JVM (GC, compiler) may come and go meanwhile: at least what this test added.
			assertThat(self.threads().orElseThrow()).isGreaterThanOrEqualTo(threadsBefore + 5);
			assertThat(self.openFileDescriptors().orElseThrow()).isGreaterThanOrEqualTo(descriptorsBefore + 5);
			assertThat(self.residentKilobytes().orElseThrow()).isGreaterThan(1024);
		}
		finally {
			release.countDown();
			for (InputStream stream : opened) {
				stream.close();
			}
			for (Thread thread : started) {
				thread.join();
			}
		}
		ProcessReadings gone = new ProcessReadings(Long.MAX_VALUE / 2);
		assertThat(gone.threads()).isEmpty();
		assertThat(gone.openFileDescriptors()).isEmpty();
	}

}
