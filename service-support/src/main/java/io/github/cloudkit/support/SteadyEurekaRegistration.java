package io.github.cloudkit.support;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps an instance UP in Eureka across {@code POST /actuator/refresh}.
 * <p>
 * Spring Cloud answers every refresh by setting the instance DOWN and at once UP again, so that a rebuilt
 * Eureka client registers anew. The kit keeps one client for the service's life
 * ({@code eureka.client.refresh.enable: false}), so there is nothing to register anew, and the flap races
 * Eureka's replicator thread: it can read DOWN, then write it back after the UP, which leaves the instance DOWN,
 * out of every gateway's rotation, until it restarts. With the refresher gone, a refresh leaves the
 * registration alone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = SteadyEurekaRegistration.REFRESHER)
@ConditionalOnProperty(name = "eureka.client.refresh.enable", havingValue = "false")
public class SteadyEurekaRegistration {

	static final String REFRESHER = "org.springframework.cloud.netflix.eureka.EurekaDiscoveryClientConfiguration$EurekaClientConfigurationRefresher";

	@Bean
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

}
