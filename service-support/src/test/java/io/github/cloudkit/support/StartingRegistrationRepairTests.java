package io.github.cloudkit.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.EurekaInstanceConfig;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.discovery.CacheRefreshedEvent;
import com.netflix.discovery.EurekaClient;
import com.netflix.discovery.StatusChangeEvent;
import com.netflix.discovery.shared.Application;
import org.junit.jupiter.api.Test;

import io.github.cloudkit.support.SteadyEurekaRegistration.StartingRegistrationRepair;

/** Decides from the fetched registry whether the instance must register again; the platform test does it for real. */
class StartingRegistrationRepairTests {

	private static final String APPLICATION = "SAMPLE-SERVICE";

	private final EurekaClient client = mock(EurekaClient.class);

	@Test
	void anInstanceThatIsUpButListedStartingIsDatedAnewSoItsNextHeartbeatRegistersIt() {
		InstanceInfo local = instance(InstanceStatus.UP);
		StartingRegistrationRepair repair = repairFor(local, instance(InstanceStatus.STARTING));
		verify(client).registerEventListener(repair);

		repair.onEvent(new CacheRefreshedEvent());

		assertThat(local.isDirty()).isTrue();
	}

	@Test
	void anOlderListingIsLeftToEurekaItselfAsTheUpRegistrationIsOnItsWay() {
		InstanceInfo local = instance(InstanceStatus.UP);
		InstanceInfo listed = instance(InstanceStatus.STARTING);
		listed.setLastDirtyTimestamp(local.getLastDirtyTimestamp() - 1);
		repairWithListing(local, listed).onEvent(new CacheRefreshedEvent());

		assertThat(local.isDirty()).isFalse();
	}

	@Test
	void anInstanceListedWithItsOwnStatusIsLeftAlone() {
		InstanceInfo up = instance(InstanceStatus.UP);
		repairFor(up, instance(InstanceStatus.UP)).onEvent(new CacheRefreshedEvent());
		InstanceInfo starting = instance(InstanceStatus.STARTING);
		repairFor(starting, instance(InstanceStatus.STARTING)).onEvent(new CacheRefreshedEvent());

		assertThat(up.isDirty()).isFalse();
		assertThat(starting.isDirty()).isFalse();
	}

	@Test
	void onlyAFetchedRegistryCountsAndAnUnlistedInstanceIsLeftToItsHeartbeat() {
		InstanceInfo local = instance(InstanceStatus.UP);
		repairFor(local, instance(InstanceStatus.STARTING)).onEvent(new StatusChangeEvent(InstanceStatus.STARTING, InstanceStatus.UP));
		InstanceInfo unlisted = instance(InstanceStatus.UP);
		repairFor(unlisted, null).onEvent(new CacheRefreshedEvent());

		assertThat(local.isDirty()).isFalse();
		assertThat(unlisted.isDirty()).isFalse();
	}

	/** The registry lists {@code listed} with the local instance's own timestamp, as the race leaves it. */
	private StartingRegistrationRepair repairFor(InstanceInfo local, InstanceInfo listed) {
		if (listed != null) {
			listed.setLastDirtyTimestamp(local.getLastDirtyTimestamp());
		}
		return repairWithListing(local, listed);
	}

	private StartingRegistrationRepair repairWithListing(InstanceInfo local, InstanceInfo listed) {
		Application application = new Application(APPLICATION);
		if (listed != null) {
			application.addInstance(listed);
		}
		when(client.getApplication(APPLICATION)).thenReturn(application);
		return new StartingRegistrationRepair(client, new ApplicationInfoManager(mock(EurekaInstanceConfig.class), local));
	}

	private static InstanceInfo instance(InstanceStatus status) {
		return InstanceInfo.Builder.newBuilder().setAppName(APPLICATION).setInstanceId("sample-service:localhost:41234")
				.setHostName("localhost").setStatus(status).build();
	}

}
