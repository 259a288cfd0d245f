package io.github.cloudkit.discovery;

import com.netflix.discovery.EurekaClient;
import com.netflix.discovery.EurekaClientConfig;
import com.netflix.eureka.EurekaServerConfig;
import com.netflix.eureka.resources.ServerCodecs;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.cloud.netflix.eureka.server.InstanceRegistry;
import org.springframework.cloud.netflix.eureka.server.InstanceRegistryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link CheapRenewalRegistry} where Spring Cloud's auto-configuration defines its registry: that bean
 * ({@code peerAwareInstanceRegistry}) has no back-off condition, so its definition is replaced, not added to.
 */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

	static final String REGISTRY_BEAN = "peerAwareInstanceRegistry";

	@Bean
	static BeanDefinitionRegistryPostProcessor cheapRenewalRegistryDefinition() {
		return new BeanDefinitionRegistryPostProcessor() {
			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				if (!registry.containsBeanDefinition(REGISTRY_BEAN)) {
					throw new IllegalStateException("Spring Cloud's Eureka server defines no '" + REGISTRY_BEAN
							+ "' bean any more: CheapRenewalRegistry has nothing to replace");
				}
				registry.removeBeanDefinition(REGISTRY_BEAN);
				RootBeanDefinition replacement = new RootBeanDefinition();
				replacement.setFactoryBeanName("registryFactory");
				replacement.setFactoryMethodName("cheapRenewalRegistry");
				// Its parameters are beans, resolved by type as for any @Bean method.
				replacement.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
				registry.registerBeanDefinition(REGISTRY_BEAN, replacement);
			}

			@Override
			public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			}
		};
	}

	@Bean
	RegistryFactory registryFactory() {
		return new RegistryFactory();
	}

	/** Builds the registry as Spring Cloud's auto-configuration does, from the same beans and properties. */
	static class RegistryFactory {

		InstanceRegistry cheapRenewalRegistry(EurekaServerConfig serverConfig, EurekaClientConfig clientConfig,
				ServerCodecs serverCodecs, EurekaClient eurekaClient, InstanceRegistryProperties properties) {
			eurekaClient.getApplications(); // the client initialises before the registry uses it, as upstream does
			return new CheapRenewalRegistry(serverConfig, clientConfig, serverCodecs, eurekaClient,
					properties.getExpectedNumberOfClientsSendingRenews(), properties.getDefaultOpenForTrafficCount());
		}

	}

}
