package io.github.cloudkit.sample.items;

import io.swagger.v3.oas.annotations.media.Schema;

/** An item as the service answers it: the id it was given when it was added, its name and its quantity. */
@Schema(description = "An item of the collection")
public final class Item {

	@Schema(description = "Given by the service when the item is added: 1, 2, 3, ... per instance", example = "1")
	private final long id;

	@Schema(example = "teapot")
	private final String name;

	@Schema(example = "3")
	private final int quantity;

	public Item(long id, String name, int quantity) {
		this.id = id;
		this.name = name;
		this.quantity = quantity;
	}

	public long getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	public int getQuantity() {
		return quantity;
	}

}
