package dev.lanyard.usersystem.federation;

import jakarta.security.enterprise.credential.Credential;

/** The computer that showed a code for scanning takes the sign-in its phone confirmed. */
public record ScanFinish(String userSystem, String state) implements Credential {

    @Override
    public String toString() {
        return "ScanFinish[" + userSystem + "]";
    }
}
