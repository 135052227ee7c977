package dev.lanyard.usersystem.federation;

import java.util.Locale;

/**
 * Why a trip to a provider did not sign anyone in. Each reason has one page text ({@code federation.<key>}) and one
 * audit name; what the provider said in detail goes to the server log, never into a URL or a page.
 */
public enum FederationFailure {
    /** Too many trips started from one client address: try again later. */
    TOO_MANY,
    /** The user system is off in this domain (or its settings are unusable). */
    NOT_ENABLED,
    /** A callback without a state, or with one Lanyard never issued, already used, or expired. */
    STATE_INVALID,
    /** A callback in another browser than the one that started the trip (or for another signed-in user). */
    STATE_FOREIGN,
    /** The user cancelled at the provider, or the provider refused (error=access_denied). */
    DENIED,
    /** The provider's token or user endpoint answered with an error. */
    PROVIDER_ERROR,
    /** The provider did not answer in time (or not at all). */
    PROVIDER_UNAVAILABLE,
    /** The provider answered without the user id Lanyard keys the identity on. */
    IDENTITY_INCOMPLETE,
    /** The identity belongs to an organisation or account this domain does not accept. */
    NOT_ALLOWED,
    /** No user has this identity and the domain does not create users for it. */
    NOT_LINKED,
    /** Linking: the identity already belongs to another user. */
    ALREADY_LINKED,
    /** Linking: the user already has an identity of this user system. */
    ALREADY_HAS_ONE,
    /** Unlinking: it is the user's last way to sign in. */
    LAST_METHOD,
    /** The matching user is disabled. */
    USER_DISABLED,
    /** Something failed on Lanyard's side (the database, for instance); nothing was half done. */
    SERVER_ERROR;

    /** The key in URLs and page texts, e.g. {@code provider-unavailable}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FederationFailure fromKey(String key) {
        for (FederationFailure failure : values()) {
            if (failure.key().equals(key)) {
                return failure;
            }
        }
        return null;
    }
}
