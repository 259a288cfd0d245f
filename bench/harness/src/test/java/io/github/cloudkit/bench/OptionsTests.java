package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTests {

	private static final Path HERE = Path.of("/home/dev/kit");
	private static final Path BENCH = Path.of("/home/dev/kit/bench");

	@Test
	void fullRunDefaults() {
		Options options = Options.parse(List.of(), HERE, BENCH);
		assertThat(options.quick()).isFalse();
		assertThat(options.durationSeconds()).isEqualTo(20);
		assertThat(options.rounds()).isEqualTo(3);
		assertThat(options.warmupMaxSeconds()).isEqualTo(900);
		assertThat(options.scaleSteps()).containsExactly(1, 2, 4);
		assertThat(options.coldInstances()).isEqualTo(2);
		assertThat(options.out()).isEqualTo(BENCH.resolve("results.md"));
	}

	@Test
	void quickChangesOnlyTheDefaultsNotGiven() {
		Options options = Options.parse(List.of("--quick", "--rounds=2", "--connections", "8", "--out", "x/r.md"), HERE,
				BENCH);
		assertThat(options.durationSeconds()).isEqualTo(4);
		assertThat(options.rounds()).isEqualTo(2);
		assertThat(options.connections()).isEqualTo(8);
		assertThat(options.warmupMaxSeconds()).isEqualTo(15);
		assertThat(options.scaleSteps()).containsExactly(1, 2);
		assertThat(options.out()).isEqualTo(Path.of("/home/dev/kit/x/r.md"));
		assertThat(Options.parse(List.of("--quick"), HERE, BENCH).out()).isEqualTo(BENCH.resolve("last-run/results-quick.md"));
		assertThat(Options.parse(List.of("--registry-scale", "--keep"), HERE, BENCH).registryScale()).isTrue();
	}

	@Test
	void busModeDefaultsCommitsAndColdStartFiles(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
		Options bus = Options.parse(List.of("--bus"), HERE, BENCH);
		assertThat(bus.bus()).isTrue();
		assertThat(bus.commits()).isEqualTo(10);
		assertThat(bus.out()).isEqualTo(BENCH.resolve("bus.md"));
		assertThat(bus.coldBefore()).isEmpty();
		Options quick = Options.parse(List.of("--bus", "--quick"), HERE, BENCH);
		assertThat(quick.commits()).isEqualTo(3);
		assertThat(quick.out()).isEqualTo(BENCH.resolve("last-run/bus-quick.md"));
		assertThat(Options.parse(List.of("--bus", "--quick", "--commits=5"), HERE, BENCH).commits()).isEqualTo(5);

		Path before = java.nio.file.Files.writeString(folder.resolve("before.md"), "x");
		Path after = java.nio.file.Files.writeString(folder.resolve("after.md"), "x");
		Options compared = Options.parse(List.of("--bus", "--cold-before", "before.md", "--cold-after", "after.md",
				"--cold-before=before.md"), folder, BENCH);
		assertThat(compared.coldBefore()).containsExactly(before, before);
		assertThat(compared.coldAfter()).containsExactly(after);
	}

	@Test
	void busOptionsAreRefusedOutsideTheBusModeOrHalfGiven(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
		java.nio.file.Files.writeString(folder.resolve("before.md"), "x");
		assertThatThrownBy(() -> Options.parse(List.of("--commits", "3"), HERE, BENCH))
				.hasMessage("--commits belongs to --bus");
		assertThatThrownBy(() -> Options.parse(List.of("--cold-before", "before.md"), folder, BENCH))
				.hasMessage("--cold-before and --cold-after belong to --bus or --footprint");
		assertThatThrownBy(() -> Options.parse(List.of("--bus", "--registry-scale"), HERE, BENCH))
				.isInstanceOf(Options.BadOptions.class);
		assertThatThrownBy(() -> Options.parse(List.of("--bus", "--cold-before", "before.md"), folder, BENCH))
				.hasMessageContaining("go together");
		assertThatThrownBy(() -> Options.parse(List.of("--bus", "--cold-before", "missing.md"), folder, BENCH))
				.isInstanceOf(Options.BadOptions.class).hasMessage("--cold-before: no file 'missing.md'");
		assertThatThrownBy(() -> Options.parse(List.of("--bus", "--commits", "0"), HERE, BENCH))
				.hasMessage("--commits: '0' is not a positive whole number");
	}

	@Test
	void footprintModeComparesFilesOnlyAndWritesFootprintMd(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
		Path before = java.nio.file.Files.writeString(folder.resolve("before.md"), "x");
		Path after = java.nio.file.Files.writeString(folder.resolve("after.md"), "x");
		Options footprint = Options.parse(List.of("--footprint", "--cold-before", "before.md", "--cold-after", "after.md"),
				folder, BENCH);
		assertThat(footprint.footprint()).isTrue();
		assertThat(footprint.bus()).isFalse();
		assertThat(footprint.out()).isEqualTo(BENCH.resolve("footprint.md"));
		assertThat(footprint.coldBefore()).containsExactly(before);
		assertThat(footprint.coldAfter()).containsExactly(after);
		assertThatThrownBy(() -> Options.parse(List.of("--footprint"), HERE, BENCH))
				.hasMessageContaining("give --cold-before FILE and --cold-after FILE");
		assertThatThrownBy(() -> Options.parse(List.of("--footprint", "--bus"), HERE, BENCH))
				.hasMessage("--bus, --registry-scale, --footprint, --soak, --ha and --stock-start are six modes: give one");
		assertThatThrownBy(() -> Options.parse(List.of("--footprint", "--cold-after", "after.md"), folder, BENCH))
				.hasMessageContaining("go together");
	}

	@Test
	void badValuesAreRefusedWithTheOption() {
		assertThatThrownBy(() -> Options.parse(List.of("--duration", "0"), HERE, BENCH))
				.isInstanceOf(Options.BadOptions.class).hasMessage("--duration: '0' is not a positive whole number");
		assertThatThrownBy(() -> Options.parse(List.of("--threads=two"), HERE, BENCH))
				.hasMessageContaining("--threads: 'two'");
		assertThatThrownBy(() -> Options.parse(List.of("--rounds"), HERE, BENCH)).hasMessage("--rounds needs a value");
		assertThatThrownBy(() -> Options.parse(List.of("--fast"), HERE, BENCH)).hasMessage("unknown option '--fast'");
		assertThatThrownBy(() -> Options.parse(List.of("--warmup-max", "-5"), HERE, BENCH))
				.isInstanceOf(Options.BadOptions.class);
		assertThatThrownBy(() -> Options.parse(List.of("--quick", "-h"), HERE, BENCH))
				.isInstanceOf(Options.HelpRequested.class);
	}

	@Test
	void soakDefaultsAndWhereItWrites() {
		Options soak = Options.parse(List.of("--soak"), HERE, BENCH);
		assertThat(soak.soak()).isTrue();
		assertThat(soak.minutes()).isEqualTo(30);
		assertThat(soak.rate()).isEqualTo(25);
		assertThat(soak.out()).isEqualTo(BENCH);
		assertThat(Options.parse(List.of("--soak", "--minutes", "3"), HERE, BENCH).out()).isEqualTo(BENCH.resolve("last-run/soak"));
		Options quick = Options.parse(List.of("--soak", "--quick", "--rate=40"), HERE, BENCH);
		assertThat(quick.minutes()).isEqualTo(3);
		assertThat(quick.rate()).isEqualTo(40);
		assertThat(quick.out()).isEqualTo(BENCH.resolve("last-run/soak"));
		assertThat(Options.parse(List.of("--soak", "--out", "x"), HERE, BENCH).out()).isEqualTo(HERE.resolve("x"));
		assertThatThrownBy(() -> Options.parse(List.of("--minutes", "3"), HERE, BENCH))
				.hasMessage("--minutes and --rate belong to --soak");
		assertThatThrownBy(() -> Options.parse(List.of("--soak", "--rate", "0"), HERE, BENCH))
				.hasMessage("--rate: '0' is not a positive whole number");
		assertThatThrownBy(() -> Options.parse(List.of("--soak", "--bus"), HERE, BENCH))
				.hasMessageContaining("six modes");
	}

	@Test
	void highAvailabilityModeRoundsAndWhereItWrites() {
		Options ha = Options.parse(List.of("--ha"), HERE, BENCH);
		assertThat(ha.highAvailability()).isTrue();
		assertThat(ha.rounds()).isEqualTo(3);
		assertThat(ha.out()).isEqualTo(BENCH.resolve("high-availability.md"));
		Options quick = Options.parse(List.of("--ha", "--quick"), HERE, BENCH);
		assertThat(quick.rounds()).isEqualTo(1);
		assertThat(quick.out()).isEqualTo(BENCH.resolve("last-run/high-availability-quick.md"));
		assertThatThrownBy(() -> Options.parse(List.of("--ha", "--soak"), HERE, BENCH)).hasMessageContaining("six modes");
	}

	@Test
	void stockStartModeRoundsAndWhereItWrites() {
		Options stock = Options.parse(List.of("--stock-start"), HERE, BENCH);
		assertThat(stock.stockStart()).isTrue();
		assertThat(stock.rounds()).isEqualTo(3);
		assertThat(stock.out()).isEqualTo(BENCH.resolve("stock-start.md"));
		assertThat(Options.parse(List.of("--stock-start", "--quick"), HERE, BENCH).out())
				.isEqualTo(BENCH.resolve("last-run/stock-start-quick.md"));
		assertThatThrownBy(() -> Options.parse(List.of("--stock-start", "--ha"), HERE, BENCH)).hasMessageContaining("six modes");
	}

}
