package io.github.cloudkit.bench;

import java.util.List;

/**
 * One reading of one process during the soak: minutes since the load started, the instance's name and PID (a
 * restarted sample instance keeps its name, not its PID), RSS and heap after GC in MB, live threads and open file
 * descriptors. Null where the process has no such figure (heap after GC of a process without Micrometer, or gone).
 */
record SoakSample(double minute, String process, long pid, Double rssMegabytes, Double heapAfterGcMegabytes,
		Long threads, Long descriptors) {

	/** What the soak samples, in the order of the report and the plot. */
	enum Measure {
		RSS("RSS", "MB"), HEAP_AFTER_GC("heap after GC", "MB"), THREADS("live threads", "threads"),
		DESCRIPTORS("open file descriptors", "fds");

		final String title;
		final String unit;

		Measure(String title, String unit) {
			this.title = title;
			this.unit = unit;
		}
	}

	static final String TSV_HEADER = "minute\tprocess\tpid\trss_mb\theap_after_gc_mb\tthreads\tfds";

	Double value(Measure measure) {
		return switch (measure) {
		case RSS -> rssMegabytes;
		case HEAP_AFTER_GC -> heapAfterGcMegabytes;
		case THREADS -> threads == null ? null : threads.doubleValue();
		case DESCRIPTORS -> descriptors == null ? null : descriptors.doubleValue();
		};
	}

	/** A line of soak.tsv; an empty cell where there is no figure. */
	String tsv() {
		return String.join("\t", Console.format("%.2f", minute), process, Long.toString(pid), cell(rssMegabytes),
				cell(heapAfterGcMegabytes), threads == null ? "" : threads.toString(),
				descriptors == null ? "" : descriptors.toString());
	}

	/** A line of soak.tsv read back (the report and the plot can be made again from the file). */
	static SoakSample parse(String line) {
		String[] cells = line.split("\t", -1);
		if (cells.length != 7) {
			throw new IllegalArgumentException("not a soak sample (7 tab-separated cells): " + line);
		}
		return new SoakSample(Double.parseDouble(cells[0]), cells[1], Long.parseLong(cells[2]), decimal(cells[3]),
				decimal(cells[4]), whole(cells[5]), whole(cells[6]));
	}

	static List<SoakSample> parseAll(String tsv) {
		return tsv.lines().filter(line -> !line.isBlank() && !line.equals(TSV_HEADER)).map(SoakSample::parse).toList();
	}

	private static String cell(Double value) {
		return value == null ? "" : Console.format("%.1f", value);
	}

	private static Double decimal(String cell) {
		return cell.isEmpty() ? null : Double.valueOf(cell);
	}

	private static Long whole(String cell) {
		return cell.isEmpty() ? null : Long.valueOf(cell);
	}

}
