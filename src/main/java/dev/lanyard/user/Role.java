package dev.lanyard.user;

import java.util.Locale;

/** PDS roles. The wire name ({@link #wireName()}) is also the Jakarta Security group of a signed-in caller. */
public enum Role {
    SUPERADMIN, ADMIN, USER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAdministrator() {
        return this == SUPERADMIN || this == ADMIN;
    }
}
