package dev.lanyard.usersystem.federation;

import static dev.lanyard.config.JsonSupport.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;

/** Reading a provider's JSON answers: the body of a success, or a refusal that names the provider's own error code. */
public final class ProviderAnswers {

    private static final int MAX_BODY = 64 * 1024;

    private ProviderAnswers() {
    }

    /**
     * The JSON object a call answered with when its status is 2xx; otherwise a {@link FederationFailure#PROVIDER_ERROR}
     * whose detail carries the status and the value of the body's {@code errorField} (a code, never the whole body).
     */
    public static JsonObject body(Response response, String call, String errorField) {
        try (response) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            JsonObject json = parse(text);
            if (response.getStatus() / 100 != 2) {
                String code = json == null ? null : text(json, errorField);
                throw new FederationException(FederationFailure.PROVIDER_ERROR,
                        call + " answered HTTP " + response.getStatus() + (code == null ? "" : " " + printable(code)));
            }
            if (json == null) {
                throw new FederationException(FederationFailure.PROVIDER_ERROR, call + " answered without a JSON object");
            }
            return json;
        }
    }

    /** A string member, or null when it is missing, empty or not a string. */
    public static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
    }

    private static JsonObject parse(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_BODY) {
            return null;
        }
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue() instanceof JsonObject object ? object : null;
        } catch (JsonException | IllegalStateException malformed) {
            return null;
        }
    }

    private static String printable(String value) {
        String clipped = value.length() > 100 ? value.substring(0, 100) : value;
        return clipped.replaceAll("[^A-Za-z0-9_.:-]", "?");
    }
}
