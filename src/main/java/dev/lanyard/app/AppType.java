package dev.lanyard.app;

import java.util.Arrays;
import java.util.Optional;

/** The four PDS app types. Only WebServer apps hold a secret; WebBrowser and Native apps are public clients. */
public enum AppType {
    WEB_SERVER("WebServer", true),
    WEB_BROWSER("WebBrowser", false),
    NATIVE("Native", false),
    JWT("JWT", true);

    private final String wireName;
    private final boolean confidential;

    AppType(String wireName, boolean confidential) {
        this.wireName = wireName;
        this.confidential = confidential;
    }

    public String wireName() {
        return wireName;
    }

    /** Confidential apps authenticate themselves (a secret or a signed assertion); public ones must use PKCE. */
    public boolean isConfidential() {
        return confidential;
    }

    public static Optional<AppType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
