package io.github.cloudkit.gateway.errors;

import javax.servlet.http.HttpServletRequest;

import io.github.cloudkit.support.ErrorBody;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error controller, which answers browsers with an HTML page: everything that is not a
 * Zuul route (an unrouted path, an ignored backend path such as {@code /hello/actuator/env}, a failure in an
 * actuator endpoint) gets the same JSON shape as the gateway's own errors, whatever the client accepts.
 */
@RestController
public class JsonErrorController implements ErrorController {

	private final String errorPath;

	public JsonErrorController(@Value("${server.error.path:${error.path:/error}}") String errorPath) {
		this.errorPath = errorPath;
	}

	@RequestMapping("${server.error.path:${error.path:/error}}")
	public ResponseEntity<String> error(HttpServletRequest request) {
		int status = ErrorBody.errorStatus(request);
		return ResponseEntity.status(status)
				.contentType(MediaType.APPLICATION_JSON)
				.body(ErrorBody.json(status, null, message(status)));
	}

	private static String message(int status) {
		switch (status) {
		case 404:
			return "no route matches this path";
		case 405:
			return "method not allowed here";
		default:
			return status >= 500 ? "the gateway failed to handle the request" : ErrorBody.REJECTED;
		}
	}

	/** Still read by Zuul's handler mapping (it never routes the error path). */
	@Override
	@Deprecated
	public String getErrorPath() {
		return errorPath;
	}
}
