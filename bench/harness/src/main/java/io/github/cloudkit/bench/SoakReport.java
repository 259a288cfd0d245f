package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cloudkit.bench.SoakSample.Measure;
import io.github.cloudkit.bench.SoakTrends.Trend;
import io.github.cloudkit.testsupport.LoadGenerator;

/**
 * The Markdown of a soak (soak.md): the verdict, the load's counts, every long-lived service's slopes and its table
 * per measure, the sample instances' generations, the restarts and commits. Its headings and the load table are
 * what .ci/bench-smoke looks for, so they only change deliberately.
 */
final class SoakReport {

	private final SoakFacts facts;
	private final List<Trend> trends;
	private final Markdown out = new Markdown();

	private SoakReport(SoakFacts facts) {
		this.facts = facts;
		this.trends = SoakTrends.trends(facts.samples, facts.windowStart());
	}

	static String markdown(SoakFacts facts) {
		return new SoakReport(facts).write();
	}

	/** Why the soak failed, one reason a line; empty when it passed. */
	static List<String> failures(SoakFacts facts) {
		List<String> reasons = new ArrayList<>();
		LoadGenerator.Summary load = facts.load;
		if (load == null) {
			reasons.add("no load was measured");
		}
		else {
			if (load.failedCount() > 0) {
				reasons.add(load.failedCount() + " failed request(s) " + load.failed());
			}
			if (load.fellBack() > 0) {
				reasons.add(load.fellBack() + " request(s) answered by the gateway's fallback");
			}
		}
		long notApplied = facts.commits.stream().filter(commit -> commit.appliedAfterSeconds() == null).count();
		if (notApplied > 0) {
			reasons.add(notApplied + " of " + facts.commits.size() + " commits not applied by every instance");
		}
		long restartProblems = facts.restarts.stream().filter(restart -> restart.problem() != null).count();
		if (restartProblems > 0 || facts.restarts.size() < facts.restartsPlanned) {
			reasons.add((facts.restartsPlanned - facts.restarts.size() + restartProblems) + " of " + facts.restartsPlanned
					+ " rolling restarts failed or did not happen");
		}
		if (SoakTrends.longLived(facts.samples).isEmpty()) {
			reasons.add("no service was sampled");
		}
		for (Trend trend : SoakTrends.trends(facts.samples, facts.windowStart())) {
			if (trend.verdict().fails()) {
				reasons.add(trend.service() + " " + trend.measure().title + ": " + trend.verdict().text.replace("*", "")
						+ (trend.fittedRise() == null ? "" : Console.format(" (%+.1f %s, bound %.0f)", trend.fittedRise(),
								trend.measure().unit, trend.bound()))
						+ (trend.note().isEmpty() ? "" : " (" + trend.note() + ")"));
			}
		}
		return reasons;
	}

	private String write() {
		header();
		verdict();
		load();
		slopes();
		for (Measure measure : Measure.values()) {
			measureTable(measure);
		}
		sampleInstances();
		restarts();
		commits();
		out.line("## Plot");
		out.line();
		out.line("![RSS, heap after GC, live threads and open file descriptors of every process over the soak](soak.png)");
		out.line();
		out.line("`soak.tsv` beside this file has every sample (minute, process, PID, RSS MB, heap after GC MB, threads, fds).");
		out.append(Console.warningsSection(facts.warnings));
		out.line();
		out.line("Service logs and the launcher's output of the last run: `bench/last-run/logs/`.");
		return out.toString();
	}

	private void header() {
		out.line("# Soak: " + facts.minutes + " minutes at " + facts.rate + " requests/s through the gateway");
		out.line();
		if (!facts.judged) {
			out.line("> **Smoke run (" + facts.minutes + " minutes)**: it shows that the soak works; its figures are not judged");
			out.line("> (the bounds are for 30 minutes, minute 10 to 30). Use `bench/run --soak` for a verdict.");
			out.line();
		}
		out.line("Produced by `bench/run --soak" + (facts.quick ? " --quick" : "") + " --minutes " + facts.minutes + " --rate "
				+ facts.rate + "` on " + facts.date + " in " + facts.runSeconds + " s, kit commit " + facts.machine.kitCommit()
				+ ".");
		out.line();
		out.line("| Setting | Value |");
		out.line("|---|---|");
		facts.machine.settingRows().forEach(out::line);
		out.line("| JVM options (sample-service, from its command line) | `" + facts.jvmOptions + "` |");
		out.line("| Platform | `./platform up --instances " + facts.instances + "`: its own state folder, free ports, a temporary Git "
				+ "repository with a copy of `config-repo/`; every service healthy and `/hello` routed after "
				+ facts.upSeconds + " s |");
		out.line("| Load | `GET " + facts.url + "` at " + facts.rate + " requests/s for the whole soak, each sent at its intended "
				+ "time, latency counted from that time (`LoadGenerator`, test-support) |");
		out.line("| Rolling restarts | " + facts.restartsPlanned + ": every " + facts.restartEveryMinutes + " minutes each sample "
				+ "instance in turn: a replacement started (`./platform up --instances " + (facts.instances + 1) + "`), "
				+ "healthy and routed by the gateway, 6 s for its registry fetch and Ribbon's refresh, then the old one "
				+ "stopped with SIGTERM |");
		out.line("| Commits | every minute a new `message:` in `sample-service.yml` (`git commit -am`), until every running "
				+ "instance answers it on `GET /` (the config server publishes the commit on the bus) |");
		out.line("| Samples | every " + facts.sampleEverySeconds + " s, every process of the state folder: RSS (`VmRSS`), live "
				+ "threads (`Threads`) from `/proc/PID/status`, open descriptors (entries of `/proc/PID/fd`), heap after GC "
				+ "(`jvm_memory_used_bytes` of the Tenured Gen pool from `/actuator/prometheus`) |");
		out.line("| Judged | minute " + Console.format("%.0f", facts.windowStart()) + " to the end: the least-squares line's rise "
				+ "over that window; RSS at most +" + Console.format("%.0f", SoakTrends.RSS_BOUND_MEGABYTES) + " MB or +"
				+ Console.format("%.0f", SoakTrends.RSS_BOUND_SHARE * 100) + " % (the larger), threads at most +"
				+ Console.format("%.0f", SoakTrends.THREADS_BOUND) + ", descriptors at most +"
				+ Console.format("%.0f", SoakTrends.DESCRIPTORS_BOUND) + "; 0 failed requests, 0 fallbacks, every commit "
				+ "applied, every restart done |");
		out.line();
	}

	private void verdict() {
		List<String> failures = failures(facts);
		out.line("## Verdict");
		out.line();
		String verdict = failures.isEmpty() ? "PASS" : "FAIL";
		if (facts.judged) {
			out.line("**" + verdict + "**" + (failures.isEmpty()
					? ": 0 failed requests, every commit applied, every restart done, no long-lived service's RSS, threads "
							+ "or descriptors grew beyond its bound."
					: ":"));
		}
		else {
			out.line("Not judged (a smoke); by the bounds it would be **" + verdict + "**" + (failures.isEmpty() ? "." : ":"));
		}
		if (!failures.isEmpty()) {
			out.line();
			failures.forEach(failure -> out.line("- " + failure));
		}
		out.line();
	}

	private void load() {
		LoadGenerator.Summary load = facts.load;
		out.line("## Load");
		out.line();
		out.line("| Sent | Succeeded | Fell back | Failed | Longest ms |");
		out.line("|---|---|---|---|---|");
		if (load == null) {
			out.line("| n/a | n/a | n/a | n/a | n/a |");
		}
		else {
			out.line("| " + load.sent() + " | " + load.succeeded() + " | " + load.fellBack() + " | " + load.failedCount()
					+ (load.failed().isEmpty() ? "" : " " + load.failed()) + " | " + load.longestMillis() + " |");
		}
		out.line();
	}

	private void slopes() {
		out.line("## Slopes per service");
		out.line();
		out.line("Least-squares slope per 10 minutes from minute " + Console.format("%.0f", facts.windowStart())
				+ " to the end; the sample instances are replaced every rolling restart and are not in it (see below).");
		out.line();
		out.line("| Service | RSS MB / 10 min | heap after GC MB / 10 min | threads / 10 min | fds / 10 min | verdict |");
		out.line("|---|---|---|---|---|---|");
		Map<String, List<Trend>> byService = new LinkedHashMap<>();
		trends.forEach(trend -> byService.computeIfAbsent(trend.service(), service -> new ArrayList<>()).add(trend));
		byService.forEach((service, own) -> {
			StringBuilder row = new StringBuilder("| " + service);
			for (Measure measure : Measure.values()) {
				Trend trend = own.stream().filter(t -> t.measure() == measure).findFirst().orElseThrow();
				row.append(" | ").append(signed(trend.slopePerTenMinutes()));
			}
			boolean fails = own.stream().anyMatch(trend -> trend.verdict().fails());
			row.append(" | ").append(fails ? "**FAIL**" : "within").append(" |");
			out.line(row.toString());
		});
		out.line();
	}

	private void measureTable(Measure measure) {
		out.line("## " + capitalized(measure.title) + " (" + measure.unit + ")");
		out.line();
		String start = "minute " + Console.format("%.0f", facts.windowStart());
		out.line("| Service | at " + start + " | at the end | growth | slope / 10 min | fitted rise | bound | verdict |");
		out.line("|---|---|---|---|---|---|---|---|");
		for (Trend trend : trends) {
			if (trend.measure() != measure) {
				continue;
			}
			out.line("| " + trend.service() + " | " + plain(trend.atStart()) + " | " + plain(trend.atEnd()) + " | "
					+ signed(trend.growth()) + " | " + signed(trend.slopePerTenMinutes()) + " | " + signed(trend.fittedRise())
					+ " | " + (trend.bound() == null ? "" : "+" + Console.format("%.0f", trend.bound())) + " | "
					+ trend.verdict().text + (trend.note().isEmpty() ? "" : " (" + trend.note() + ")") + " |");
		}
		out.line();
	}

	/** Each generation of sample instance: its PID, when it was sampled first and last, and its last figures. */
	private void sampleInstances() {
		Map<Long, List<SoakSample>> generations = new LinkedHashMap<>();
		facts.samples.stream().filter(sample -> SoakTrends.replacedDuringTheSoak(sample.process()))
				.forEach(sample -> generations.computeIfAbsent(sample.pid(), pid -> new ArrayList<>()).add(sample));
		out.line("## Sample instances");
		out.line();
		out.line("Each rolling restart replaces every instance, so each lives about " + facts.restartEveryMinutes
				+ " minutes: shown per generation (one grey line each in the plot), not judged.");
		out.line();
		out.line("| Instance | PID | first sampled, minute | last sampled, minute | RSS MB | heap after GC MB | threads | fds |");
		out.line("|---|---|---|---|---|---|---|---|");
		generations.forEach((pid, own) -> {
			SoakSample first = own.get(0);
			SoakSample last = own.get(own.size() - 1);
			out.line("| " + first.process() + " | " + pid + " | " + Console.format("%.1f", first.minute()) + " | "
					+ Console.format("%.1f", last.minute()) + " | " + plain(last.rssMegabytes()) + " | "
					+ plain(last.heapAfterGcMegabytes()) + " | " + plain(last.value(Measure.THREADS)) + " | "
					+ plain(last.value(Measure.DESCRIPTORS)) + " |");
		});
		out.line();
	}

	private void restarts() {
		out.line("## Rolling restarts");
		out.line();
		out.line("| # | minute | took s | replaced | problem |");
		out.line("|---|---|---|---|---|");
		facts.restarts.forEach(restart -> out.line("| " + restart.number() + " | " + Console.format("%.1f", restart.minute())
				+ " | " + Console.format("%.0f", restart.seconds()) + " | " + String.join("; ", restart.replaced()) + " | "
				+ (restart.problem() == null ? "" : restart.problem()) + " |"));
		out.line();
	}

	private void commits() {
		List<Double> applied = facts.commits.stream().map(SoakFacts.Commit::appliedAfterSeconds)
				.filter(seconds -> seconds != null).toList();
		out.line("## Commits");
		out.line();
		out.line(facts.commits.size() + " commits, " + applied.size() + " applied by every running instance"
				+ (applied.isEmpty() ? "." : Console.format(": median %.2f s, longest %.2f s from `git commit` to the last "
						+ "instance answering it.", Statistics.median(applied).orElseThrow(),
						Statistics.max(applied).orElseThrow())));
		List<SoakFacts.Commit> problems = facts.commits.stream().filter(commit -> commit.problem() != null).toList();
		if (!problems.isEmpty()) {
			out.line();
			problems.forEach(commit -> out.line("- commit " + commit.number() + " (minute " + Console.format("%.1f", commit.minute())
					+ "): " + commit.problem()));
		}
		out.line();
	}

	private static String plain(Double value) {
		return value == null ? "" : Console.format("%.1f", value);
	}

	private static String signed(Double value) {
		return value == null ? "" : Console.format("%+.1f", value);
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
