package io.github.cloudkit.sample;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilt on every refresh, so a committed change of {@code message} is answered without a restart. */
@RestController
@RefreshScope
public class MessageController {

    private final String message;
    private final Registration registration;

    public MessageController(@Value("${message}") String message, Registration registration) {
        this.message = message;
        this.registration = registration;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
    public String message() {
        return message;
    }

    /** The id this instance is registered under in Eureka. */
    @GetMapping(path = "/id", produces = MediaType.TEXT_PLAIN_VALUE)
    public String id() {
        return registration.getInstanceId();
    }
}
