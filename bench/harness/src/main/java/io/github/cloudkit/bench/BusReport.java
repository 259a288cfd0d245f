package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Markdown of a bus run (bench/bus.md): how long a commit takes to reach every sample-service instance, each
 * commit's figures, the refresh counters, and (given two builds' cold-start runs) what the bus costs at start-up.
 * Its headings are what .ci/bench-smoke looks for, so they only change deliberately.
 */
final class BusReport {

	private final BusFacts facts;
	private final ColdStartComparison cold;
	private final Markdown out = new Markdown();

	private BusReport(BusFacts facts) {
		this.facts = facts;
		this.cold = new ColdStartComparison(facts.coldBefore, facts.coldAfter);
	}

	static String markdown(BusFacts facts) {
		return new BusReport(facts).write();
	}

	private String write() {
		header();
		propagation();
		commits();
		refreshes();
		cost();
		List<String> warnings = new ArrayList<>(facts.warnings);
		warnings.addAll(cold.warnings());
		out.append(Console.warningsSection(warnings));
		out.line();
		out.line("Service logs and the launcher's output of the last run: `bench/last-run/logs/`.");
		return out.toString();
	}

	private void header() {
		out.line("# Config change over Spring Cloud Bus");
		out.line();
		if (facts.quick) {
			out.line("> **Smoke run (`bench/run --bus --quick`)**: " + facts.commits + " commits only. These figures show that the");
			out.line("> harness works; use `bench/run --bus` for numbers.");
			out.line();
		}
		out.line("Produced by `bench/run --bus" + (facts.quick ? " --quick" : "") + "` on " + facts.date + " in " + facts.runSeconds
				+ " s, kit commit " + facts.machine.kitCommit() + ".");
		out.line();
		out.line("| Setting | Value |");
		out.line("|---|---|");
		facts.machine.settingRows().forEach(out::line);
		out.line("| JVM options (sample-service, from its command line) | `" + facts.jvmOptions + "`"
				+ (facts.jvmOptionNotes.isEmpty() ? "" : " (differs: " + facts.jvmOptionNotes + ")") + " |");
		out.line("| Platform | `./platform up --instances " + facts.instances + "`: its own state folder, free ports (the broker's "
				+ "AMQP port too), a temporary Git repository with a copy of `config-repo/` served on `main`; every service "
				+ "healthy and `/hello` routed after " + facts.upSeconds + " s |");
		out.line("| Commits | " + facts.commits + ", one at a time, each changing `message:` in `sample-service.yml` (`git commit "
				+ "-am`, nothing else: no refresh call); the next " + seconds(facts.pauseMillis) + " s after the previous "
				+ "reached every instance |");
		out.line("| Measured | from `git commit`'s exit to each instance answering the new message on `GET /`, each asked on "
				+ "its own port (from the state folder) every " + facts.pollMillis + " ms |");
		out.line();
		out.line("The path: the config server reads the served label every second (`CommitWatcher`), publishes a refresh for");
		out.line("`sample-service` on the bus (AMQP, the `message-broker`), and each instance refreshes its configuration from the");
		out.line("config server. The machine is shared: other work on its cores shows in these times.");
		out.line();
	}

	private void propagation() {
		List<Double> last = facts.propagations.stream().map(BusFacts.Propagation::last).toList();
		List<Double> first = facts.propagations.stream().map(BusFacts.Propagation::first).toList();
		List<Double> spread = facts.propagations.stream().map(p -> p.last() - p.first()).toList();
		out.line("## Commit to every instance");
		out.line();
		out.line("| From the commit to | median (s) | max (s) | min (s) |");
		out.line("|---|---:|---:|---:|");
		out.line("| the last of " + facts.instances + " instances answering the new message | **" + median(last) + "** | **"
				+ max(last) + "** | " + min(last) + " |");
		out.line("| the first instance answering it | " + median(first) + " | " + max(first) + " | " + min(first) + " |");
		out.line("| the spread: first to last instance | " + median(spread) + " | " + max(spread) + " | " + min(spread) + " |");
		out.line();
		out.line("Over " + facts.propagations.size() + " commits; resolution " + facts.pollMillis + " ms (the polling interval).");
		out.line();
	}

	private void commits() {
		Set<String> instances = new LinkedHashSet<>();
		facts.propagations.forEach(p -> instances.addAll(p.reachedAfter().keySet()));
		out.line("## Each commit");
		out.line();
		StringBuilder header = new StringBuilder("| Commit | first (s) | last (s) | last instance |");
		StringBuilder rule = new StringBuilder("|---:|---:|---:|---|");
		for (String instance : instances) {
			header.append(' ').append(instance).append(" (s) |");
			rule.append("---:|");
		}
		header.append(" `git commit` (ms) |");
		rule.append("---:|");
		out.line(header.toString());
		out.line(rule.toString());
		for (BusFacts.Propagation p : facts.propagations) {
			StringBuilder row = new StringBuilder("| " + p.commit() + " | " + Console.format("%.2f", p.first()) + " | "
					+ Console.format("%.2f", p.last()) + " | " + p.lastInstance() + " |");
			for (String instance : instances) {
				Double value = p.reachedAfter().get(instance);
				row.append(' ').append(value == null ? "n/a" : Console.format("%.2f", value)).append(" |");
			}
			row.append(' ').append(p.gitMillis()).append(" |");
			out.line(row.toString());
		}
		out.line();
	}

	private void refreshes() {
		out.line("## Refreshes counted");
		out.line();
		out.line("`kit_config_refreshes_total` of each service (its `/actuator/prometheus`), before the first commit and "
				+ seconds(facts.graceMillis) + " s");
		out.line("after the last. Only `sample-service.yml` changed, so each instance should have applied one refresh a commit and");
		out.line("the gateway none.");
		out.line();
		BusFacts.Count gateway = facts.applied.get("edge-gateway-1");
		String unchanged = gateway == null || gateway.change() == null ? "n/a (not readable)"
				: gateway.change() == 0 ? "yes" : Console.format("no: %+.0f", gateway.change());
		out.line("Gateway's refresh count unchanged: **" + unchanged + "**.");
		out.line();
		out.line("| Service | applied before | applied after | applied during the run | rejected during the run |");
		out.line("|---|---:|---:|---:|---:|");
		facts.applied.forEach((name, count) -> out.line("| " + name + " | " + count(count.before()) + " | " + count(count.after())
				+ " | " + count(count.change()) + " | "
				+ count(Optional.ofNullable(facts.rejected.get(name)).map(BusFacts.Count::change).orElse(null)) + " |"));
		out.line();
		out.line("Commits the config server published on the bus during the run (`kit_config_commits_total{outcome=\"published\"}`): "
				+ count(facts.published.change()) + " of " + facts.commits + ".");
		out.line();
	}

	private void cost() {
		out.line("## Cost of the bus");
		out.line();
		if (cold.before.isEmpty()) {
			out.line("Not part of this run: give it the cold-start runs of a build without the bus and of one with it");
			out.line("(`--cold-before FILE --cold-after FILE`, each once per run; bench/README.md, \"The cost of the bus\").");
			return;
		}
		List<ColdStartTable> before = cold.before;
		List<ColdStartTable> after = cold.after;
		out.line("The cold-start tables of " + before.size() + " run(s) of a build without the bus (kit "
				+ ColdStartComparison.commits(before) + ") and " + after.size() + " of one with it (kit "
				+ ColdStartComparison.commits(after) + "), each made by that build's own `bench/run"
				+ (before.get(0).quick() ? " --quick" : "") + "` (`./platform up --instances " + before.get(0).instances()
				+ "`); medians over the runs, Δ = with − without. Times count from launching `./platform up`.");
		if (before.get(0).quick()) {
			out.line("In `--quick` runs three more gateways (the tracing comparison's) start together with the platform on the");
			out.line("same cores, in both builds alike: absolute times are longer than a plain `./platform up`'s.");
		}
		out.line();
		cold.medianTable("without", "with").forEach(out::line);
		out.line();
		out.line("Each run (without the bus / with it):");
		out.line();
		out.line("| Service | healthy after (s) | \"Started in\" (s) | RSS after start (MB) |");
		out.line("|---|---|---|---|");
		for (String service : cold.services()) {
			out.line("| " + service + " | " + cold.eachRunCells(service) + " |");
		}
		out.line("| every service healthy, `/hello` routed | " + cold.eachRunTotal() + " | | |");
		out.line();
		out.line("Files: " + ColdStartComparison.sources(before) + " (without); " + ColdStartComparison.sources(after) + " (with).");
	}

	private static String median(List<Double> values) {
		return Statistics.format(Statistics.median(values), "%.2f");
	}

	private static String max(List<Double> values) {
		return Statistics.format(Statistics.max(values), "%.2f");
	}

	private static String min(List<Double> values) {
		return Statistics.format(Statistics.min(values), "%.2f");
	}

	private static String count(Double value) {
		return value == null ? "n/a" : Console.format("%.0f", value);
	}

	private static String seconds(long millis) {
		return millis % 1000 == 0 ? Long.toString(millis / 1000) : Console.format("%.1f", millis / 1000.0);
	}

}
