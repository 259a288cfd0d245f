package io.github.cloudkit.sample.items;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.PositiveOrZero;
import javax.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /items}: what a client chooses (the id is the service's). The constraints are checked
 * before the controller sees the body (a 400 names the fields that break them) and appear in the OpenAPI document.
 */
@Schema(description = "An item to add")
public class NewItem {

	public static final int MAX_NAME_LENGTH = 100;

	@NotBlank
	@Size(max = MAX_NAME_LENGTH)
	@Schema(example = "teapot")
	private String name;

	@PositiveOrZero
	@Schema(description = "0 when absent", example = "3")
	private Integer quantity;

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Integer getQuantity() {
		return quantity;
	}

	public void setQuantity(Integer quantity) {
		this.quantity = quantity;
	}

}
