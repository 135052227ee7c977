package dev.lanyard.app;

import java.net.URI;
import java.net.URISyntaxException;

/** What a redirect URI must be to be registered: absolute, with a scheme, without a fragment (RFC 6749 3.1.2). */
public final class RedirectUriRules {

    private RedirectUriRules() {
    }

    /** What is wrong with the URI, or null when it may be registered. */
    public static String problemWith(String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getScheme() == null) {
                return "redirect URI must be absolute: " + value;
            }
            if (uri.getRawFragment() != null || value.contains("#")) {
                return "redirect URI must not have a fragment: " + value;
            }
            return null;
        } catch (URISyntaxException e) {
            return "not a URI: " + value;
        }
    }
}
