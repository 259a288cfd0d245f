package io.github.cloudkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.discovery.EurekaClientConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The kit's own Eureka policy comes with service-support, below whatever else configures the service. */
class KitDefaultsTests {

	@SpringBootApplication
	static class KitService {

	}


	@Nested
	@SpringBootTest(classes = KitService.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
			"eureka.client.enabled=true", "eureka.client.register-with-eureka=false", "eureka.client.fetch-registry=false",
			"EUREKA_URI=http://eureka:secret@127.0.0.1:1/eureka/" })
	class WithNothingElseSet {

		@Autowired
		ApplicationContext context;

		@Autowired
		ApplicationInfoManager instance;

		@Autowired
		EurekaClientConfig client;

		@LocalServerPort
		int port;

		@Test
		void oneEurekaClientForTheServicesLifeWithoutSpringCloudsRefresher() {
			assertThat(context.getEnvironment().getProperty("eureka.client.refresh.enable")).isEqualTo("false");
			// Not Spring Cloud's refreshable (scoped, lazy) client: the conditions saw the default.
			assertThat(AopUtils.isAopProxy(instance)).isFalse();
			assertThat(context.getBeanNamesForType(classOf(SteadyEurekaRegistration.REFRESHER))).isEmpty();
			assertThat(instance.getInfo().getPort()).as("the bound port, by BoundPortRegistration").isEqualTo(port);
		}

		@Test
		void theRegistryIsTheOneEurekaUriNames() {
			assertThat(client.getEurekaServerServiceUrls("defaultZone")).containsExactly("http://eureka:secret@127.0.0.1:1/eureka/");
		}

	}

	/** What a service is given in any other way (here: its own properties) wins over the kit's defaults. */
	@Nested
	@SpringBootTest(classes = KitService.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
			"eureka.client.enabled=true", "eureka.client.register-with-eureka=false", "eureka.client.fetch-registry=false",
			"EUREKA_URI=http://eureka:secret@127.0.0.1:1/eureka/", "eureka.client.refresh.enable=true",
			"eureka.client.serviceUrl.defaultZone=http://own:password@127.0.0.1:2/eureka/" })
	class WithTheServicesOwnSettings {

		@Autowired
		ApplicationInfoManager instance;

		@Autowired
		EurekaClientConfig client;

		@Test
		void theyWin() {
			assertThat(AopUtils.isAopProxy(instance)).as("Spring Cloud's refreshable client").isTrue();
			assertThat(client.getEurekaServerServiceUrls("defaultZone")).containsExactly("http://own:password@127.0.0.1:2/eureka/");
		}

	}

	/** An instance listens on the port the platform gave it (PORT); the launcher, Compose and Cloud Foundry set it. */
	@Nested
	@SpringBootTest(classes = KitService.class, webEnvironment = WebEnvironment.NONE, properties = {
			"eureka.client.enabled=false", "PORT=43210" })
	class WithAPort {

		@Autowired
		ApplicationContext context;

		@Test
		void itIsTheServersPort() {
			assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo("43210");
		}

	}

	private static Class<?> classOf(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
