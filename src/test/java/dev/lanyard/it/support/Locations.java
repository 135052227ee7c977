package dev.lanyard.it.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reading the Location of a redirect: the path to request next, and a query parameter (a code, a state). */
public final class Locations {

    private Locations() {
    }

    /** The path and query of a location, to request on the server the test talks to (whatever host it names). */
    public static String pathOf(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public static String queryParameter(String location, String name) {
        String query = URI.create(location).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + location);
    }
}
