package io.github.cloudkit.discovery;

import java.util.List;

import com.netflix.discovery.EurekaClient;
import com.netflix.discovery.EurekaClientConfig;
import com.netflix.discovery.shared.Application;
import com.netflix.eureka.EurekaServerConfig;
import com.netflix.eureka.resources.ServerCodecs;

import org.springframework.cloud.netflix.eureka.server.InstanceRegistry;

/**
 * Spring Cloud's registry, with a heartbeat that costs the same at 10 instances as at 5,000.
 * <p>
 * Spring Cloud Netflix 2.2's {@link InstanceRegistry#renew} looks up the renewing instance, for the
 * {@code EurekaInstanceRenewedEvent} it publishes, in {@link #getSortedApplications()}: a sorted copy of the
 * whole registry, built for every heartbeat. With 2,000 instances renewing every 3 s that was 80 % of the
 * registry's CPU (Java Flight Recorder, bench/run --registry-scale), and it grows with the square of the fleet.
 * Here, for that one lookup during a renewal, the list holds only the renewing instance's application; every
 * other caller (the dashboard, the status page) gets the whole registry as before.
 */
class CheapRenewalRegistry extends InstanceRegistry {

	private final ThreadLocal<String> renewingApplication = new ThreadLocal<>();

	CheapRenewalRegistry(EurekaServerConfig serverConfig, EurekaClientConfig clientConfig, ServerCodecs serverCodecs,
			EurekaClient eurekaClient, int expectedNumberOfClientsSendingRenews, int defaultOpenForTrafficCount) {
		super(serverConfig, clientConfig, serverCodecs, eurekaClient, expectedNumberOfClientsSendingRenews,
				defaultOpenForTrafficCount);
	}

	@Override
	public boolean renew(String appName, String serverId, boolean isReplication) {
		renewingApplication.set(appName);
		try {
			return super.renew(appName, serverId, isReplication);
		}
		finally {
			renewingApplication.remove();
		}
	}

	@Override
	public List<Application> getSortedApplications() {
		String renewing = renewingApplication.get();
		if (renewing == null) {
			return super.getSortedApplications();
		}
		renewingApplication.remove(); // only the event's lookup, the first call of a renewal
		Application application = getApplication(renewing, false);
		return application == null ? List.of() : List.of(application);
	}

}
