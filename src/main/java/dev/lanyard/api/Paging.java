package dev.lanyard.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PDS's paging: {@code limit} (1 to 100, default 100) and an opaque {@code marker} that continues after the last item
 * of the previous page (here the item's internal id, so pages stay stable while items are added); the answer's
 * {@code next_marker} is empty on the last page. Nothing reads a whole table.
 */
record Paging(Long after, int limit) {

    static final int MAX_LIMIT = 100;

    static Paging of(JsonBody body) {
        int limit = body.integer("limit", MAX_LIMIT, 1, MAX_LIMIT);
        String marker = body.string("marker", 64);
        if (marker == null || marker.isEmpty()) {
            return new Paging(null, limit);
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.US_ASCII);
            if (!decoded.startsWith("after:")) {
                throw new IllegalArgumentException(decoded);
            }
            return new Paging(Long.parseLong(decoded.substring(6)), limit);
        } catch (IllegalArgumentException notOurs) {
            throw JsonBody.invalid("marker", "is not a marker this API gave");
        }
    }

    /**
     * The answer {@code {items, next_marker}} for what a query fetched with {@code limit() + 1} as its maximum (the
     * extra item only tells that there is a next page).
     */
    <T> String answer(java.util.List<T> fetched, java.util.function.Function<T, jakarta.json.JsonObjectBuilder> json,
                      java.util.function.ToLongFunction<T> id) {
        jakarta.json.JsonArrayBuilder items = dev.lanyard.config.JsonSupport.JSON.createArrayBuilder();
        fetched.stream().limit(limit).forEach(item -> items.add(json.apply(item)));
        long lastId = fetched.isEmpty() ? 0 : id.applyAsLong(fetched.get(Math.min(fetched.size(), limit) - 1));
        return dev.lanyard.config.JsonSupport.JSON.createObjectBuilder().add("items", items)
                .add("next_marker", nextMarker(fetched.size(), lastId)).build().toString();
    }

    /** The marker of the page after this one, or "" when {@code fetched} (limit + 1 asked) shows there is none. */
    private String nextMarker(int fetched, long lastId) {
        return fetched <= limit ? "" : Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("after:" + lastId).getBytes(StandardCharsets.US_ASCII));
    }
}
