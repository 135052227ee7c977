package dev.lanyard.config;

import jakarta.json.spi.JsonProvider;

/**
 * One JSON-P provider for the whole application. {@code JSON.createObjectBuilder()} looks the provider up through the
 * service loader on every call, a class-path scan that showed up as 8% of the token endpoint's CPU time.
 */
public final class JsonSupport {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonSupport() {
    }
}
