package io.github.cloudkit.sample;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one service context of this module's tests (same settings, so Spring's test context cache shares it): the
 * real config repo on disk, then a file the refresh test rewrites. No registry, config server, broker or Zipkin. No
 * {@code PORT} is set, so the service binds a free port ({@code server.port: ${PORT:0}}; DEFINED_PORT keeps Spring's
 * test support from choosing one itself).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, args = {
		"--spring.cloud.config.enabled=false",
		"--eureka.client.register-with-eureka=false",
		"--eureka.client.fetch-registry=false",
		"--spring.zipkin.enabled=false",
		"--spring.cloud.bus.enabled=false",
		"--spring.security.user.name=ops",
		"--spring.security.user.password=test-password",
		"--spring.config.additional-location=file:../config-repo/application.yml,file:../config-repo/sample-service.yml,"
				+ "file:" + SampleServiceTest.MESSAGE_FILE })
public @interface SampleServiceTest {

	String MESSAGE_FILE = "target/test-config/sample-service.yml";

}
