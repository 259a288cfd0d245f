package io.github.cloudkit.bench.fleet;

/**
 * One simulated instance's registration, as a Spring Cloud Eureka client sends it (JSON codec): an address
 * nobody routes to (the gateway has no route to the simulated applications), the profile's lease.
 */
record Instance(String app, String id, String ipAddress, int port, int renewalSeconds, int leaseSeconds,
		long dirtyTimestamp) {

	String json() {
		return "{\"instance\":{\"instanceId\":\"" + id + "\",\"hostName\":\"" + ipAddress + "\",\"app\":\"" + app
				+ "\",\"ipAddr\":\"" + ipAddress + "\",\"status\":\"UP\",\"overriddenStatus\":\"UNKNOWN\","
				+ "\"port\":{\"$\":" + port + ",\"@enabled\":\"true\"},\"securePort\":{\"$\":443,\"@enabled\":\"false\"},"
				+ "\"countryId\":1,\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\","
				+ "\"name\":\"MyOwn\"},\"leaseInfo\":{\"renewalIntervalInSecs\":" + renewalSeconds
				+ ",\"durationInSecs\":" + leaseSeconds + "},\"metadata\":{\"management.port\":\"" + port + "\"},"
				+ "\"homePageUrl\":\"http://" + ipAddress + ":" + port + "/\",\"statusPageUrl\":\"http://" + ipAddress + ":"
				+ port + "/actuator/info\",\"healthCheckUrl\":\"http://" + ipAddress + ":" + port + "/actuator/health\","
				+ "\"vipAddress\":\"" + app.toLowerCase() + "\",\"secureVipAddress\":\"" + app.toLowerCase() + "\","
				+ "\"isCoordinatingDiscoveryServer\":\"false\",\"lastDirtyTimestamp\":\"" + dirtyTimestamp + "\"}}";
	}

}
