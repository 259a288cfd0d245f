package io.github.cloudkit.sample.items;

import java.net.URI;
import java.util.List;

import javax.validation.Valid;

import io.github.cloudkit.api.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The template's example resource, the one to start from: list, read and add items. Its errors are answered by
 * api-support's {@link io.github.cloudkit.api.ApiErrors} with the kit's error body, documented here per operation;
 * every GET answer carries an ETag ({@link io.github.cloudkit.api.ApiAutoConfiguration}).
 */
@RestController
@RequestMapping(path = "/items", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "items", description = "An example collection, in memory per instance")
public class ItemController {

	private static final Logger log = LoggerFactory.getLogger(ItemController.class);

	private final ItemStore store;

	public ItemController(ItemStore store) {
		this.store = store;
	}

	@GetMapping
	@Operation(summary = "Every item, oldest first")
	public List<Item> list() {
		return store.all();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One item")
	@ApiResponse(responseCode = "200", description = "The item")
	@ApiResponse(responseCode = "404", description = "No item has this id",
			content = @Content(schema = @Schema(implementation = ApiError.class)))
	public Item one(@PathVariable long id) {
		return store.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no item has this id"));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Adds an item")
	@ApiResponse(responseCode = "201", description = "Added: the item with its id",
			headers = @Header(name = "Location", description = "The new item's URL", schema = @Schema(type = "string")),
			content = @Content(schema = @Schema(implementation = Item.class)))
	@ApiResponse(responseCode = "400", description = "The body is not JSON of this shape, or breaks a constraint",
			content = @Content(schema = @Schema(implementation = ApiError.class)))
	@ApiResponse(responseCode = "507", description = "The collection is full",
			content = @Content(schema = @Schema(implementation = ApiError.class)))
	public ResponseEntity<Item> add(@Valid @RequestBody NewItem item) {
		Item added = store.add(item).orElseThrow(
				() -> new ResponseStatusException(HttpStatus.INSUFFICIENT_STORAGE, "the collection is full"));
		log.info("Added item {}", added.getId());
		// From the request as the client sent it (through the gateway: its host and route prefix).
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(added.getId()).toUri();
		return ResponseEntity.created(location).body(added);
	}

}
