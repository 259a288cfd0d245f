package io.github.cloudkit.api;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.validation.Valid;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.PositiveOrZero;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The smallest service using the library: one resource, no component scan (a scan of this package would register the
 * library's own classes a second time, hiding whether the auto-configuration does).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ApiTestApplication.Things.class)
public class ApiTestApplication {

	@RestController
	@RequestMapping(path = "/things", produces = MediaType.APPLICATION_JSON_VALUE)
	static class Things {

		private final List<Thing> things = new CopyOnWriteArrayList<>();

		@GetMapping
		public List<Thing> list() {
			return things;
		}

		@GetMapping("/{id}")
		@ApiResponse(responseCode = "404", description = "No thing has this id",
				content = @Content(schema = @Schema(implementation = ApiError.class)))
		public Thing one(@PathVariable int id) {
			if (id < 0 || id >= things.size()) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no thing has this id");
			}
			return things.get(id);
		}

		@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
		public ResponseEntity<Thing> add(@Valid @RequestBody Thing thing) {
			things.add(thing);
			return ResponseEntity.created(URI.create("/things/" + (things.size() - 1))).body(thing);
		}

		@GetMapping("/failing")
		public Thing failing() {
			throw new IllegalStateException("secret detail of the failure");
		}

		@GetMapping("/teapot")
		public Thing teapot() {
			throw new Teapot();
		}

	}

	public static class Thing {

		@NotBlank
		public String name;

		@PositiveOrZero
		public Integer quantity;

	}

	@ResponseStatus(HttpStatus.I_AM_A_TEAPOT)
	static class Teapot extends RuntimeException {
	}

}
