package io.github.cloudkit.support;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.EurekaInstanceConfig;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.discovery.CacheRefreshedEvent;
import com.netflix.discovery.EurekaClient;
import com.netflix.discovery.EurekaEvent;
import com.netflix.discovery.EurekaEventListener;
import com.netflix.discovery.shared.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Keeps an instance that is UP listed UP in Eureka, and reachable there: two races in Eureka's client can leave the
 * registry with an older status of the instance than it has, for good, and a gateway routes only to instances
 * listed UP; an instance started on port 0 would be listed with port 0.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(EurekaClient.class)
@AutoConfigureAfter(name = "org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration")
public class SteadyEurekaRegistration {

	static final String REFRESHER = "org.springframework.cloud.netflix.eureka.EurekaDiscoveryClientConfiguration$EurekaClientConfigurationRefresher";

	/**
	 * Spring Cloud answers every {@code POST /actuator/refresh} by setting the instance DOWN and at once UP again,
	 * so that a rebuilt Eureka client registers anew. The kit keeps one client for the service's life
	 * ({@code eureka.client.refresh.enable: false}, {@link KitDefaults}), so there is nothing to register anew, and
	 * the flap races Eureka's replicator thread: it can read DOWN, then write it back after the UP, which leaves the
	 * instance DOWN until it restarts. With the refresher gone, a refresh leaves the registration alone.
	 */
	@Bean
	@ConditionalOnClass(name = REFRESHER)
	@ConditionalOnProperty(name = "eureka.client.refresh.enable", havingValue = "false")
	static BeanDefinitionRegistryPostProcessor withoutEurekaRefresher() {
		return new BeanDefinitionRegistryPostProcessor() {

			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				for (String name : registry.getBeanDefinitionNames()) {
					if (REFRESHER.equals(registry.getBeanDefinition(name).getBeanClassName())) {
						registry.removeBeanDefinition(name);
					}
				}
			}

			@Override
			public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			}

		};
	}

	@Bean
	@ConditionalOnBean({ ApplicationInfoManager.class, EurekaInstanceConfig.class })
	BoundPortRegistration boundPortRegistration(ApplicationInfoManager manager, EurekaInstanceConfig config) {
		return new BoundPortRegistration(manager, config);
	}

	@Bean
	@ConditionalOnBean({ EurekaClient.class, ApplicationInfoManager.class })
	StartingRegistrationRepair startingRegistrationRepair(EurekaClient client, ApplicationInfoManager manager) {
		return new StartingRegistrationRepair(client, manager);
	}

	/**
	 * A service started on port 0 ({@code server.port: ${PORT:0}}) learns its port when the web server binds it,
	 * after Eureka built the instance it registers from {@code server.port}. Spring Cloud then passes the bound
	 * port to its instance config, but with the kit's one Eureka client for the service's life
	 * ({@code eureka.client.refresh.enable: false}) the instance was built before that, and would be registered
	 * with port 0 and URLs naming it. This gives the instance the bound port before Spring Cloud registers it.
	 */
	static final class BoundPortRegistration implements ApplicationListener<WebServerInitializedEvent>, Ordered {

		private static final Logger log = LoggerFactory.getLogger(BoundPortRegistration.class);

		private final ApplicationInfoManager manager;

		private final EurekaInstanceConfig config;

		BoundPortRegistration(ApplicationInfoManager manager, EurekaInstanceConfig config) {
			this.manager = manager;
			this.config = config;
		}

		/** Before Spring Cloud's EurekaAutoServiceRegistration (order 0), which registers the instance. */
		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			InstanceInfo instance = manager.getInfo();
			int bound = event.getWebServer().getPort();
			if ("management".equals(event.getApplicationContext().getServerNamespace()) || instance.getPort() != 0
					|| bound <= 0) {
				return;
			}
			new InstanceInfo.Builder(instance).setPort(bound)
					.setHomePageUrl(config.getHomePageUrlPath(), config.getHomePageUrl())
					.setStatusPageUrl(config.getStatusPageUrlPath(), config.getStatusPageUrl())
					.setHealthCheckUrls(config.getHealthCheckUrlPath(), config.getHealthCheckUrl(),
							config.getSecureHealthCheckUrl());
			instance.setIsDirty();
			log.info("Registering {} with the port the web server bound, {}", instance.getId(), bound);
		}

	}

	/**
	 * At start-up the heartbeat thread finds the instance unknown to the registry and registers it while the main
	 * thread sets it UP; the heartbeat's registration can carry the old status STARTING with the new status's
	 * timestamp and reach the registry last (Netflix/eureka#1174). The registry then keeps STARTING: heartbeats
	 * with that timestamp look current to it, and the client sees no reason to register again (seen in one of
	 * eight test platforms started on two busy cores). After each registry fetch this compares the listing with
	 * the instance and, if the registry says STARTING, with the instance's own timestamp, of an instance that is
	 * UP, dates the instance anew: the next heartbeat carries a newer timestamp than the registry's, which
	 * answers 404, and the client registers again (UP).
	 */
	static final class StartingRegistrationRepair implements EurekaEventListener, DisposableBean {

		private static final Logger log = LoggerFactory.getLogger(StartingRegistrationRepair.class);

		private final EurekaClient client;

		private final ApplicationInfoManager manager;

		StartingRegistrationRepair(EurekaClient client, ApplicationInfoManager manager) {
			this.client = client;
			this.manager = manager;
			client.registerEventListener(this);
		}

		@Override
		public void onEvent(EurekaEvent event) {
			if (event instanceof CacheRefreshedEvent) {
				repairIfListedStarting();
			}
		}

		void repairIfListedStarting() {
			InstanceInfo local = manager.getInfo();
			Application application = client.getApplication(local.getAppName());
			InstanceInfo listed = application == null ? null : application.getByInstanceId(local.getId());
			if (listed != null && listed.getStatus() == InstanceStatus.STARTING && local.getStatus() == InstanceStatus.UP
					&& isCurrent(listed, local)) {
				log.warn("The registry lists {} as STARTING while it is UP; registering it again", local.getId());
				local.setIsDirty();
			}
		}

		/**
		 * Listed with the instance's own timestamp, so Eureka takes it for current. An older listing is left to
		 * Eureka: the UP registration is on its way, or the next heartbeat's newer timestamp brings it.
		 */
		private static boolean isCurrent(InstanceInfo listed, InstanceInfo local) {
			Long listedAt = listed.getLastDirtyTimestamp();
			Long localAt = local.getLastDirtyTimestamp();
			return listedAt != null && localAt != null && listedAt >= localAt;
		}

		@Override
		public void destroy() {
			client.unregisterEventListener(this);
		}

	}

}
