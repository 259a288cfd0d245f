package io.github.cloudkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.ApplicationInfoManager.StatusChangeListener;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.discovery.StatusChangeEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.cloud.context.refresh.ContextRefresher;

/** A refresh must not take the instance out of the registry, not even for a moment. */
class SteadyEurekaRegistrationTests {

	@SpringBootApplication
	static class RegisteredService {

	}

	/** The registry is never reached (port 1 refuses); what matters is the status the client would send. */
	static final String UNREACHABLE_REGISTRY = "eureka.client.service-url.defaultZone=http://127.0.0.1:1/eureka/";

	@Nested
	@SpringBootTest(classes = RegisteredService.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
			"eureka.client.enabled=true", "eureka.client.register-with-eureka=false", "eureka.client.fetch-registry=false",
			UNREACHABLE_REGISTRY, "eureka.client.refresh.enable=false" })
	class WithOneClientForTheServicesLife {

		@Autowired
		ApplicationInfoManager instance;

		@Autowired
		ContextRefresher refresher;

		@Autowired
		ObjectProvider<SteadyEurekaRegistration.StartingRegistrationRepair> repair;

		@Test
		void aRefreshNeverReportsTheInstanceDown() {
			assertThat(statusesSeenDuringARefresh(instance, refresher)).isEmpty();
			assertThat(instance.getInfo().getStatus()).isEqualTo(InstanceStatus.UP);
		}

		@Test
		void theRegistrationIsWatchedForAStartingListing() {
			assertThat(repair.getIfAvailable()).isNotNull();
		}

	}

	/** What the kit removes: Spring Cloud's own refresher, with the same one client for the service's life. */
	@Nested
	@SpringBootTest(classes = RegisteredService.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
			"eureka.client.enabled=true", "eureka.client.register-with-eureka=false", "eureka.client.fetch-registry=false",
			UNREACHABLE_REGISTRY, "eureka.client.refresh.enable=false",
			"spring.autoconfigure.exclude=io.github.cloudkit.support.SteadyEurekaRegistration" })
	class WithoutTheKitsConfiguration {

		@Autowired
		ApplicationInfoManager instance;

		@Autowired
		ContextRefresher refresher;

		@Test
		void aRefreshFlapsTheInstanceDownAndUp() {
			assertThat(statusesSeenDuringARefresh(instance, refresher)).containsExactly(InstanceStatus.DOWN, InstanceStatus.UP);
		}

	}

	private static List<InstanceStatus> statusesSeenDuringARefresh(ApplicationInfoManager instance, ContextRefresher refresher) {
		List<InstanceStatus> seen = new CopyOnWriteArrayList<>();
		StatusChangeListener listener = new StatusChangeListener() {

			@Override
			public String getId() {
				return "test";
			}

			@Override
			public void notify(StatusChangeEvent event) {
				seen.add(event.getStatus());
			}

		};
		instance.registerStatusChangeListener(listener);
		try {
			refresher.refresh();
			return seen;
		}
		finally {
			instance.unregisterStatusChangeListener(listener.getId());
		}
	}

}
