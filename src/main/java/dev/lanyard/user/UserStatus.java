package dev.lanyard.user;

import java.util.Locale;

/** PDS user status: a disabled user cannot sign in by any user system. */
public enum UserStatus {
    ENABLED, DISABLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
