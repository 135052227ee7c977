package dev.lanyard.usersystem.federation;

import jakarta.security.enterprise.credential.Credential;

/** What a provider's callback brought back: the state Lanyard sent, and a code or an error. */
public record ProviderCallback(String userSystem, String state, String code, String error) implements Credential {

    @Override
    public String toString() {
        return "ProviderCallback[" + userSystem + "]"; // never the code or the state
    }
}
