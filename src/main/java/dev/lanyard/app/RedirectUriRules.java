package dev.lanyard.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;

/** What a redirect URI must be to be registered: absolute, with a scheme, without a fragment (RFC 6749 3.1.2). */
public final class RedirectUriRules {

    /** The most redirect URIs an app registers, and the longest one. */
    public static final int MAX_PER_APP = 20;
    public static final int MAX_LENGTH = 2048;

    private RedirectUriRules() {
    }

    /** What is wrong with an app's list of redirect URIs (one listed twice, or one that is wrong), or null. */
    public static String problemWithAll(List<String> values) {
        if (values.size() > MAX_PER_APP) {
            return "at most " + MAX_PER_APP + " redirect URIs";
        }
        HashSet<String> seen = new HashSet<>();
        for (String value : values) {
            if (!seen.add(value)) {
                return "lists a URI twice: " + value;
            }
            if (value.length() > MAX_LENGTH) {
                return "a redirect URI has at most " + MAX_LENGTH + " characters";
            }
            String problem = problemWith(value);
            if (problem != null) {
                return problem;
            }
        }
        return null;
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
