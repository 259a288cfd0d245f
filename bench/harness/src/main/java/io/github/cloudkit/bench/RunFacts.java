package io.github.cloudkit.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a throughput run found out besides the wrk runs, filled in as the run goes and then turned into
 * the report: a plain holder, so that the report can be written (and tested) from a fixed set of facts.
 */
final class RunFacts {

	/** One service at cold start. */
	static final class ColdService {
		String healthyAfter;
		String startedIn;
		String jvmRunningFor;
		String residentMegabytes;
		String classData;
	}

	/** One scaling step. */
	static final class ScaleStep {
		long totalResidentMegabytes;
		long sampleResidentMegabytes;
		String routedAfter;
		String warmUp;
	}

	boolean quick;
	/** bench/jfr-summary's tables for the gateway at saturation (GatewayProfile); empty when not recorded. */
	String gatewayProfile = "";
	String date;
	long runSeconds;
	Machine machine;
	String jvmOptions = "";
	String jvmOptionNotes = "";
	String jit = "";
	String wrkVersion = "";
	int threads;
	int connections;
	int durationSeconds;
	int rounds;
	String warmUp = "";
	String nginxVersion = "";
	/** The gateway's Sleuth sampler setting from the config repository, or null when none was found. */
	String defaultSampler;
	int coldInstances;
	String coldTotal = "";
	String platformUpSays = "";
	String platformUpExit = "";
	final Map<String, ColdService> coldStart = new LinkedHashMap<>();
	/** RSS and peak RSS (MB) after the load, by service name; null where a reading failed. */
	final Map<String, Long[]> memory = new LinkedHashMap<>();
	Long nginxResidentMegabytes;
	final Map<Integer, ScaleStep> scaling = new LinkedHashMap<>();
	/** nginx's median saturated req/s, which the fixed rates are shares of. */
	double nginxSaturated;
	int fixedRateSeconds;
	final List<FixedRateRun> fixedRate = new ArrayList<>();
	final List<String> warnings = new ArrayList<>();

}
