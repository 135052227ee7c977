package dev.lanyard.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Redirect URI rules (RFC 9700): exact string match with a registered URI; for Native apps a loopback redirect
 * (http://127.0.0.1 or http://[::1]) may differ in its port only (RFC 8252 7.3).
 */
public final class RedirectUris {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]");

    private RedirectUris() {
    }

    public static Optional<String> match(List<String> registered, String requested, boolean nativeApp) {
        if (requested == null) {
            return registered.size() == 1 ? Optional.of(registered.get(0)) : Optional.empty();
        }
        for (String candidate : registered) {
            if (candidate.equals(requested) || (nativeApp && sameLoopbackButPort(candidate, requested))) {
                return Optional.of(requested);
            }
        }
        return Optional.empty();
    }

    static boolean sameLoopbackButPort(String registered, String requested) {
        try {
            URI a = new URI(registered);
            URI b = new URI(requested);
            return "http".equals(a.getScheme()) && "http".equals(b.getScheme())
                    && a.getHost() != null && LOOPBACK_HOSTS.contains(a.getHost()) && a.getHost().equals(b.getHost())
                    && a.getRawUserInfo() == null && b.getRawUserInfo() == null
                    && java.util.Objects.equals(a.getRawPath(), b.getRawPath())
                    && java.util.Objects.equals(a.getRawQuery(), b.getRawQuery())
                    && a.getRawFragment() == null && b.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
