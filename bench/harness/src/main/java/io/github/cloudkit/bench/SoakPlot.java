package io.github.cloudkit.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.github.cloudkit.bench.SoakSample.Measure;

/**
 * soak.png: one panel per measure (RSS, heap after GC, live threads, open file descriptors) against minutes of the
 * soak, a line per long-lived service; each generation of sample instance is a grey line of its own (one legend
 * entry for all), as it lives only until the next rolling restart.
 */
final class SoakPlot {

	private static final Color SAMPLE_INSTANCES = new Color(150, 150, 150);

	private SoakPlot() {
	}

	static void write(List<SoakSample> samples, double windowStart, Path file) throws IOException {
		List<XYChart> panels = new ArrayList<>();
		for (Measure measure : Measure.values()) {
			panels.add(panel(samples, measure, windowStart));
		}
		BitmapEncoder.saveBitmap(panels, 2, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	private static XYChart panel(List<SoakSample> samples, Measure measure, double windowStart) {
		XYChart chart = new XYChartBuilder().width(640).height(420).title(capitalized(measure.title) + " (" + measure.unit
				+ ")" + (SoakTrends.JUDGED.contains(measure) ? "; judged from minute " + Console.format("%.0f", windowStart)
						: "; shown only")).xAxisTitle("minute of the soak").yAxisTitle(measure.unit).build();
		XYStyler styler = chart.getStyler();
		styler.setLegendPosition(Styler.LegendPosition.OutsideE);
		styler.setMarkerSize(3);
		styler.setXAxisDecimalPattern("0.#");
		// Not from zero: a few MB or threads of growth must be visible on a line of 200.
		styler.setYAxisDecimalPattern("#,##0.#");
		// Long-lived services by name; sample instances by PID, as a restarted instance keeps its name.
		Map<String, List<SoakSample>> series = new LinkedHashMap<>();
		for (SoakSample sample : samples) {
			if (sample.value(measure) == null) {
				continue;
			}
			String key = SoakTrends.replacedDuringTheSoak(sample.process()) ? "pid " + sample.pid() : sample.process();
			series.computeIfAbsent(key, name -> new ArrayList<>()).add(sample);
		}
		boolean sampleLegendShown = false;
		for (Map.Entry<String, List<SoakSample>> entry : series.entrySet()) {
			List<SoakSample> own = entry.getValue();
			boolean generation = SoakTrends.replacedDuringTheSoak(own.get(0).process());
			// Every generation's series needs a name of its own; only the first is in the legend, for all of them.
			String name = generation && !sampleLegendShown ? "sample-service instances" : entry.getKey();
			XYSeries line = chart.addSeries(name, own.stream().map(SoakSample::minute).toList(),
					own.stream().map(sample -> sample.value(measure)).toList());
			line.setMarker(SeriesMarkers.CIRCLE);
			if (generation) {
				line.setLineColor(SAMPLE_INSTANCES);
				line.setMarkerColor(SAMPLE_INSTANCES);
				line.setShowInLegend(!sampleLegendShown);
				sampleLegendShown = true;
			}
		}
		if (series.isEmpty()) {
			// XChart draws no chart without a series: an empty panel says so instead.
			chart.addSeries("no samples", List.of(0.0), List.of(0.0));
		}
		return chart;
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
