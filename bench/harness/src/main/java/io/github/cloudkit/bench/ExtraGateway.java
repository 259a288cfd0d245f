package io.github.cloudkit.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.cloudkit.testsupport.ProcessReadings;
import io.github.cloudkit.testsupport.Processes;

/**
 * Another gateway with exactly the command line, environment and working directory of the platform's own
 * (read from /proc), plus a Spring profile that changes its sampling: whatever JVM options and archive the
 * launcher applies, apply to it too, without the harness knowing how the launcher starts jars.
 */
final class ExtraGateway {

	private ExtraGateway() {
	}

	static long start(long gatewayPid, String name, int port, String profile, Path log) throws InterruptedException {
		ProcessReadings gateway = new ProcessReadings(gatewayPid);
		// The launcher's PID may be a shell until it has exec'd java: wait for the java image.
		for (int tries = 0; !gateway.executable().map(exe -> exe.toString().endsWith("/java")).orElse(false); tries++) {
			if (!gateway.alive()) {
				throw new BenchFailure("the gateway (PID " + gatewayPid + ") exited");
			}
			if (tries > 100) {
				throw new BenchFailure("PID " + gatewayPid + " never became a java process");
			}
			Thread.sleep(100);
		}
		List<String> command = cloneCommandLine(gateway.commandLine(), name);
		Map<String, String> environment = gateway.environment();
		Path directory = gateway.workingDirectory().orElseThrow(() -> new BenchFailure("cannot read the gateway's directory"));
		if (command.isEmpty() || environment.isEmpty()) {
			throw new BenchFailure("cannot read the gateway's command line or environment");
		}
		environment.put("GATEWAY_PORT", Integer.toString(port));
		environment.put("SPRING_PROFILES_ACTIVE", profile);
		return Processes.start(command, directory, environment, true, log).pid();
	}

	/**
	 * Its own instance name, no second recording of the class list the launcher makes its archive from, and none of
	 * the launcher's log settings (they name the gateway's own log file): it logs to its console, the harness's file.
	 */
	static List<String> cloneCommandLine(List<String> commandLine, String name) {
		List<String> command = new ArrayList<>();
		for (String argument : commandLine) {
			if (argument.startsWith("-Dkit.instance=")) {
				command.add("-Dkit.instance=" + name);
			}
			else if (!argument.startsWith("-XX:DumpLoadedClassList=") && !argument.startsWith("-Dlogging.")) {
				command.add(argument);
			}
		}
		return command;
	}

}
