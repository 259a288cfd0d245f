package io.github.cloudkit.api;

import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;

import io.github.cloudkit.support.ErrorBody;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What no controller answered (an unknown path; an error a servlet filter or Tomcat sent): the kit's error body in
 * place of Spring Boot's error map or page. Controllers' own failures never get here ({@link ApiErrors}). A bean of
 * {@link ApiAutoConfiguration}; a service with an {@link ErrorController} of its own keeps that.
 */
@Hidden
@RestController
public class ServiceErrorController implements ErrorController {

	private final String errorPath;

	public ServiceErrorController(String errorPath) {
		this.errorPath = errorPath;
	}

	@RequestMapping("${server.error.path:${error.path:/error}}")
	public ResponseEntity<String> error(HttpServletRequest request) {
		int status = ErrorBody.errorStatus(request);
		String message = status == 404 ? "no such resource"
				: status >= 500 ? "the service failed to handle the request" : ErrorBody.REJECTED;
		return ResponseEntity.status(status).contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
				.body(ErrorBody.json(status, message));
	}

	/** Still part of the interface in Spring Boot 2.3. */
	@Override
	@Deprecated
	public String getErrorPath() {
		return errorPath;
	}

}
