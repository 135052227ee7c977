package dev.lanyard.usersystem.federation;

import java.time.Duration;

/** What every provider's settings tell the shared flow. Each provider package parses its own settings record. */
public interface FederatedSettings {

    /** Whether a first sign-in with an unknown identity creates a user (else it must have been linked before). */
    boolean autoCreate();

    /** How long the whole exchange with the provider may take on a callback, all calls together. */
    Duration timeout();

    /** How long a trip to the provider (from leaving the logon page to the callback) may take. */
    Duration tripLifetime();

    /** How many trips to the provider one client address may start per hour (each leaves a row until it expires). */
    int startsPerIpPerHour();

    /** How long a code shown for scanning with a phone stays good (for providers that offer scanning). */
    default Duration qrLifetime() {
        return Duration.ofMinutes(3);
    }
}
