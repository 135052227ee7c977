package dev.lanyard.view;

/** Where a browser may be sent after sign-in: only a path on this site, never another host. */
public final class SafeRedirect {

    private SafeRedirect() {
    }

    public static String localPathOr(String candidate, String fallback) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 2048) {
            return fallback;
        }
        boolean local = candidate.startsWith("/") && !candidate.startsWith("//") && !candidate.startsWith("/\\")
                && candidate.chars().noneMatch(c -> c < 0x20 || c == '\\');
        return local ? candidate : fallback;
    }
}
