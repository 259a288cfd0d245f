package io.github.cloudkit.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The kit's error body as the OpenAPI document describes it: documentation only, never written. Every error answer
 * is written by service-support's {@link io.github.cloudkit.support.ErrorBody}, which owns the shape; a test holds
 * the two together.
 */
@Schema(name = "Error", description = "The kit's error body: the status, its reason phrase and a fixed sentence")
public final class ApiError {

	@Schema(example = "404")
	public int status;

	@Schema(example = "Not Found")
	public String error;

	@Schema(example = "no item has this id")
	public String message;

	private ApiError() {
	}

}
