package io.github.cloudkit.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;
import io.github.cloudkit.testsupport.ProcessReadings;

class RegistryScaleTests {

	private static final String[] REQUIRED = { "--registry", "http://127.0.0.1:8761/eureka", "--user", "eureka",
			"--password", "secret", "--registry-pid", "42", "--gateway", "http://127.0.0.1:8080/", "--out", "/tmp/x" };

	@Test
	void theCommandLineTakesTheRequiredSettingsAndRisingSteps() {
		RegistryScale.Settings settings = RegistryScale.Settings.parse(with("--steps-cloud", "10,20", "--window-local", "7"));
		assertThat(settings.cloudSteps).containsExactly(10, 20);
		assertThat(settings.localSteps).containsExactly(100, 500, 1000, 2000, 5000);
		assertThat(settings.localWindowSeconds).isEqualTo(7);
		assertThat(settings.gateway).isEqualTo("http://127.0.0.1:8080");
		assertThat(settings.registryRoot()).isEqualTo("http://127.0.0.1:8761");
	}

	@Test
	void aBadCommandLineIsRefusedWithTheReason() {
		assertThatThrownBy(() -> RegistryScale.Settings.parse(with("--steps-local", "100,50")))
				.hasMessageContaining("must rise");
		assertThatThrownBy(() -> RegistryScale.Settings.parse(with("--settle", "-1"))).hasMessageContaining("positive");
		assertThatThrownBy(() -> RegistryScale.Settings.parse(with("--colour", "blue"))).hasMessageContaining("--colour");
		assertThatThrownBy(() -> RegistryScale.Settings.parse(new String[] { "--user", "eureka" }))
				.hasMessageContaining("--registry is required");
		String[] remote = REQUIRED.clone();
		remote[1] = "http://10.0.0.1:8761/eureka";
		assertThatThrownBy(() -> RegistryScale.Settings.parse(remote)).hasMessageContaining("not a loopback");
	}

	@Test
	void wrksRateIsRead() {
		String output = "Running 3s test @ http://127.0.0.1:1/hello\n  2 threads and 32 connections\n"
				+ "  3021 requests in 3.00s, 0.5MB read\nRequests/sec:   1006.93\nTransfer/sec:    170.00KB\n";
		assertThat(RegistryScale.requestsPerSecond(output)).isEqualTo(1006.93);
		assertThatThrownBy(() -> RegistryScale.requestsPerSecond(output + "  Non-2xx or 3xx responses: 12\n"))
				.hasMessageContaining("errors");
	}

	@Test
	void theHeapIsTheSumOfItsGenerationsWithoutMetaspace() {
		String heapInfo = "12345:\n def new generation   total 9792K, used 1203K [0x0, 0x0, 0x0)\n"
				+ "  eden space 8704K,  13% used [0x0, 0x0, 0x0)\n"
				+ " tenured generation   total 21696K, used 40000K [0x0, 0x0, 0x0)\n"
				+ " Metaspace       used 70000K, committed 71000K, reserved 1114112K\n"
				+ "  class space    used 9000K, committed 9500K, reserved 1048576K\n";
		assertThat(ProcessReadings.heapUsedKilobytes(heapInfo)).isEqualTo(41203);
	}

	@Test
	void anInstanceRegistersInEurekasJsonShape() {
		String json = new Instance("SIM-APP-0001", "sim-app-0001:cloud-30s-7", "127.0.0.1", 9, 30, 90, 1234L).json();
		assertThat((String) JsonPath.read(json, "$.instance.app")).isEqualTo("SIM-APP-0001");
		assertThat((Integer) JsonPath.read(json, "$.instance.port.$")).isEqualTo(9);
		assertThat((Integer) JsonPath.read(json, "$.instance.leaseInfo.durationInSecs")).isEqualTo(90);
		assertThat((String) JsonPath.read(json, "$.instance.dataCenterInfo.name")).isEqualTo("MyOwn");
	}

	private static String[] with(String... extra) {
		String[] all = new String[REQUIRED.length + extra.length];
		System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
		System.arraycopy(extra, 0, all, REQUIRED.length, extra.length);
		return all;
	}

}
