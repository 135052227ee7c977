package dev.lanyard.api;

import static dev.lanyard.config.JsonSupport.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A /v2 request body: a JSON object of bounded size, read field by field with PDS's errors
 * ({@code InvalidParameter.<Field>} for a wrong type or value, {@code InvalidParameterMissing} for a required one).
 */
final class JsonBody {

    static final int MAX_BODY = 64 * 1024;

    private final JsonObject json;

    private JsonBody(JsonObject json) {
        this.json = json;
    }

    static JsonBody parse(String body) {
        return parse(body, MAX_BODY);
    }

    static JsonBody parse(String body, int maxLength) {
        if (body == null || body.isBlank()) {
            return new JsonBody(JsonValue.EMPTY_JSON_OBJECT);
        }
        if (body.length() > maxLength) {
            throw new PdsException(400, "InvalidParameter", "the body must be a JSON object of at most " + maxLength + " characters");
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            return new JsonBody(reader.readObject());
        } catch (RuntimeException e) {
            throw new PdsException(400, "InvalidParameter", "the body is not a JSON object");
        }
    }

    JsonObject json() {
        return json;
    }

    boolean has(String field) {
        return json.containsKey(field) && json.get(field) != JsonValue.NULL;
    }

    /** A string field of at most {@code maxLength} characters, or null when absent. */
    String string(String field, int maxLength) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s) || s.getString().length() > maxLength) {
            throw invalid(field, "must be a string of at most " + maxLength + " characters");
        }
        return s.getString();
    }

    String required(String field, int maxLength) {
        String value = string(field, maxLength);
        if (value == null || value.isBlank()) {
            throw new PdsException(400, "InvalidParameterMissing", field + " is required");
        }
        return value;
    }

    Boolean bool(String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw invalid(field, "must be true or false");
        }
        return value == JsonValue.TRUE;
    }

    int integer(String field, int fallback, int min, int max) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return fallback;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < min || n.longValue() > max) {
            throw invalid(field, "must be a whole number from " + min + " to " + max);
        }
        return n.intValue();
    }

    /** A list of strings; PDS also sends a single string where it means a list of one (redirect_uri). */
    List<String> strings(String field, int maxItems, int maxLength) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        List<String> items = new ArrayList<>();
        if (value instanceof JsonString s) {
            items.add(s.getString());
        } else if (value instanceof JsonArray array && array.size() <= maxItems) {
            for (JsonValue item : array) {
                if (!(item instanceof JsonString s)) {
                    throw invalid(field, "must be a list of strings");
                }
                items.add(s.getString());
            }
        } else {
            throw invalid(field, "must be a list of at most " + maxItems + " strings");
        }
        if (items.stream().anyMatch(i -> i.length() > maxLength)) {
            throw invalid(field, "has an item longer than " + maxLength + " characters");
        }
        return List.copyOf(items);
    }

    static PdsException invalid(String field, String problem) {
        return new PdsException(400, "InvalidParameter." + camel(field), field + " " + problem);
    }

    private static String camel(String field) {
        StringBuilder out = new StringBuilder();
        for (String part : field.split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
