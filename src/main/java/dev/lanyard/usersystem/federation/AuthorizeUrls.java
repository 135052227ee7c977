package dev.lanyard.usersystem.federation;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A provider's authorize URL: its configured base with the trip's parameters, percent-encoded (spaces as %20). */
public final class AuthorizeUrls {

    private final URI base;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private AuthorizeUrls(URI base) {
        this.base = base;
    }

    public static AuthorizeUrls of(URI base) {
        return new AuthorizeUrls(base);
    }

    public AuthorizeUrls with(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    public URI build() {
        StringBuilder url = new StringBuilder(base.toString());
        char separator = base.getRawQuery() == null ? '?' : '&';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(url.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
