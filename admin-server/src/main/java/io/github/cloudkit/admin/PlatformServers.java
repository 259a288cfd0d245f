package io.github.cloudkit.admin;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.validation.Valid;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.validation.annotation.Validated;

/**
 * The platform's servers that clients find by address, not in Eureka: the config servers (found before the registry
 * is) and the registry's peers (a standalone registry does not register; peers do, but with the registry's own user,
 * which the console would not use for them). Each is given as a list of addresses, the same comma-separated lists the
 * services are started with (CONFIG_SERVER_URI, DISCOVERY_URI), so that a pair shows as two instances.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlatformServers.Properties.class)
class PlatformServers {

	/**
	 * Ahead of Eureka's client: Spring Cloud's composite client answers a service's instances from the first client
	 * that knows any, so registered peers are listed once, by these addresses, with these users.
	 */
	@Bean
	DiscoveryClient platformServersDiscoveryClient(Properties properties) {
		return new StaticDiscoveryClient(properties.getServers());
	}

	static final class StaticDiscoveryClient implements DiscoveryClient {

		private final Map<String, Server> servers;

		StaticDiscoveryClient(Map<String, Server> servers) {
			this.servers = servers;
		}

		@Override
		public String description() {
			return "The platform's servers, by address (kit.console.servers)";
		}

		@Override
		public List<String> getServices() {
			return new ArrayList<>(servers.keySet());
		}

		@Override
		public List<ServiceInstance> getInstances(String serviceId) {
			Server server = servers.get(serviceId);
			List<ServiceInstance> instances = new ArrayList<>();
			if (server == null) {
				return instances;
			}
			Map<String, String> metadata = Map.of("user.name", server.getUser(), "user.password", server.getPassword());
			for (URI uri : server.getUris()) {
				boolean secure = "https".equalsIgnoreCase(uri.getScheme());
				int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
				instances.add(new DefaultServiceInstance(serviceId + ":" + uri.getHost() + ":" + port, serviceId,
						uri.getHost(), port, secure, metadata));
			}
			return instances;
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	@ConfigurationProperties("kit.console")
	@Validated
	static class Properties {

		/** The servers listed by address, by service name: their addresses and the user the console reads them with. */
		@Valid
		private Map<String, Server> servers = new LinkedHashMap<>();

		Map<String, Server> getServers() {
			return servers;
		}

		void setServers(Map<String, Server> servers) {
			this.servers = servers;
		}

	}

	static class Server {

		/** Its instances' base addresses (http://host:port), comma-separated. */
		@NotEmpty
		private List<URI> uris = new ArrayList<>();

		/** The user its actuators take. */
		@NotBlank
		private String user;

		/** That user's password. */
		private String password = "";

		List<URI> getUris() {
			return uris;
		}

		void setUris(List<URI> uris) {
			this.uris = uris;
		}

		String getUser() {
			return user;
		}

		void setUser(String user) {
			this.user = user;
		}

		String getPassword() {
			return password;
		}

		void setPassword(String password) {
			this.password = password;
		}

	}

}
