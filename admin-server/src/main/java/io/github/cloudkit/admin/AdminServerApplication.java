package io.github.cloudkit.admin;

import de.codecentric.boot.admin.server.config.EnableAdminServer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.hystrix.dashboard.EnableHystrixDashboard;

/**
 * The platform's window: Spring Boot Admin over every instance Eureka knows (and the config server and registry,
 * which are not registered there), and the Hystrix dashboard over Turbine's aggregate of every gateway's circuits.
 */
@SpringBootApplication
@EnableAdminServer
@EnableHystrixDashboard
public class AdminServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AdminServerApplication.class, args);
	}

}
