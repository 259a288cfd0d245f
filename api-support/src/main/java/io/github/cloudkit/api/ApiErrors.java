package io.github.cloudkit.api;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.servlet.http.HttpServletRequest;

import io.github.cloudkit.support.ErrorBody;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure of a controller answered with the kit's error body ({@link ErrorBody}), never Spring's default error
 * map or a stack trace, and logged in one line (a server failure with its stack trace). Spring's own exceptions keep
 * the status Spring gives them (400, 405 with Allow, 415 with Accept, ...); a controller refuses a request by throwing
 * {@link ResponseStatusException} with a fixed sentence as its reason, which becomes the message. Hidden from the
 * OpenAPI document: each operation documents the errors it can answer. A bean of {@link ApiAutoConfiguration},
 * registered after a service's own advice, which therefore handles first what it handles.
 */
@Hidden
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	private static final MediaType JSON = new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);

	/** Every exception Spring MVC itself raises (the base class maps each to its status) ends here. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
			HttpStatus status, WebRequest request) {
		return answer(status, messageFor(failure, status), headers, request, failure);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException failure,
			HttpHeaders headers, HttpStatus status, WebRequest request) {
		return answer(status, violations(failure.getBindingResult()), headers, request, failure);
	}

	@Override
	protected ResponseEntity<Object> handleBindException(BindException failure, HttpHeaders headers, HttpStatus status,
			WebRequest request) {
		return answer(status, violations(failure.getBindingResult()), headers, request, failure);
	}

	@ExceptionHandler(ResponseStatusException.class)
	public ResponseEntity<Object> refused(ResponseStatusException failure, WebRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(failure.getResponseHeaders());
		String reason = failure.getReason();
		return answer(failure.getStatus(), reason != null ? reason : generic(failure.getStatus()), headers, request,
				failure);
	}

	/** Anything else: an exception declaring its status with {@code @ResponseStatus} gets it, any other is a 500. */
	@ExceptionHandler(Exception.class)
	public ResponseEntity<Object> unexpected(Exception failure, WebRequest request) {
		ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(failure.getClass(), ResponseStatus.class);
		HttpStatus status = declared != null ? declared.code() : HttpStatus.INTERNAL_SERVER_ERROR;
		return answer(status, generic(status), new HttpHeaders(), request, failure);
	}

	/** {@code "name: must not be blank; quantity: must be greater than or equal to 0"}: fields and rules, no values. */
	private static String violations(BindingResult result) {
		return Stream.concat(
				result.getFieldErrors().stream().map(error -> error.getField() + ": " + error.getDefaultMessage()),
				result.getGlobalErrors().stream().map(error -> error.getObjectName() + ": " + error.getDefaultMessage()))
				.sorted().collect(Collectors.joining("; "));
	}

	/** A fixed sentence per kind of failure: never the exception's own text, which may quote what the client sent. */
	private static String messageFor(Exception failure, HttpStatus status) {
		if (failure instanceof HttpMessageNotReadableException) {
			return "the request body is missing or is not JSON of the expected shape";
		}
		if (failure instanceof TypeMismatchException) {
			return "a path or query parameter has the wrong type";
		}
		if (failure instanceof ServletRequestBindingException) {
			return "a required parameter or header is missing";
		}
		if (failure instanceof HttpRequestMethodNotSupportedException) {
			return "method not allowed here";
		}
		if (failure instanceof HttpMediaTypeNotSupportedException) {
			return "this content type is not accepted here";
		}
		if (failure instanceof HttpMediaTypeNotAcceptableException) {
			return "no answer in a media type the request accepts";
		}
		return generic(status);
	}

	private static String generic(HttpStatus status) {
		return status.is5xxServerError() ? "the service failed to handle the request" : ErrorBody.REJECTED;
	}

	private static ResponseEntity<Object> answer(HttpStatus status, String message, HttpHeaders headers,
			WebRequest request, Exception failure) {
		HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		String what = servlet == null ? request.getDescription(false) : servlet.getMethod() + " " + servlet.getRequestURI();
		if (status.is5xxServerError()) {
			log.error("{} failed with {}: {}", what, status.value(), message, failure);
		}
		else {
			log.info("{} answered {}: {} ({})", what, status.value(), message, failure.getClass().getSimpleName());
		}
		HttpHeaders answer = new HttpHeaders();
		answer.putAll(headers);
		// Set here, so that a client accepting only other types (the 406 case) still gets this body.
		answer.setContentType(JSON);
		return new ResponseEntity<>(ErrorBody.json(status.value(), message), answer, status);
	}

}
