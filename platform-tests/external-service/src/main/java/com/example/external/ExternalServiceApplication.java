package com.example.external;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An ordinary Spring Cloud service: a greeting from its config server, and the port its web server bound. */
@SpringBootApplication
@RestController
public class ExternalServiceApplication {

	@Value("${greeting:no greeting configured}")
	private String greeting;

	private volatile int port;

	@EventListener
	public void onWebServerInitialized(WebServerInitializedEvent event) {
		port = event.getWebServer().getPort();
	}

	@GetMapping("/")
	public Map<String, Object> hello() {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("greeting", greeting);
		answer.put("port", port);
		return answer;
	}

	public static void main(String[] args) {
		SpringApplication.run(ExternalServiceApplication.class, args);
	}

}
