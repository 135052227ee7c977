package dev.lanyard.api;

import dev.lanyard.config.JsonSupport;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * PDS's paging: {@code limit} (1 to 100, default 100) and an opaque {@code marker} that continues after the last item
 * of the previous page (the item's internal id, or its key where it has no numeric id, so pages stay stable while
 * items are added); the answer's {@code next_marker} is empty on the last page. Nothing reads a whole table.
 */
record Paging(String afterKey, int limit) {

    static final int MAX_LIMIT = 100;

    static Paging of(JsonBody body) {
        int limit = body.integer("limit", MAX_LIMIT, 1, MAX_LIMIT);
        String marker = body.string("marker", 128);
        if (marker == null || marker.isEmpty()) {
            return new Paging(null, limit);
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (!decoded.startsWith("after:") || decoded.length() == 6) {
                throw new IllegalArgumentException("not a marker");
            }
            return new Paging(decoded.substring(6), limit);
        } catch (IllegalArgumentException notOurs) {
            throw notOurs();
        }
    }

    /** The internal id the page continues after, for lists paged by id; null on the first page. */
    Long after() {
        if (afterKey == null) {
            return null;
        }
        try {
            return Long.parseLong(afterKey);
        } catch (NumberFormatException notOurs) {
            throw notOurs();
        }
    }

    /**
     * The answer {@code {items, next_marker}} for what a query fetched with {@code limit() + 1} as its maximum (the
     * extra item only tells that there is a next page).
     */
    <T> String answer(List<T> fetched, Function<T, JsonObjectBuilder> json, ToLongFunction<T> id) {
        return answerByKey(fetched, json, item -> Long.toString(id.applyAsLong(item)));
    }

    /** As {@link #answer}, for a list paged by a string key. */
    <T> String answerByKey(List<T> fetched, Function<T, JsonObjectBuilder> json, Function<T, String> key) {
        JsonArrayBuilder items = JsonSupport.JSON.createArrayBuilder();
        fetched.stream().limit(limit).forEach(item -> items.add(json.apply(item)));
        String nextMarker = fetched.size() <= limit ? "" : Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("after:" + key.apply(fetched.get(limit - 1))).getBytes(StandardCharsets.UTF_8));
        return JsonSupport.JSON.createObjectBuilder().add("items", items).add("next_marker", nextMarker).build().toString();
    }

    private static PdsException notOurs() {
        return JsonBody.invalid("marker", "is not a marker this API gave");
    }
}
