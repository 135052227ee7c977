package dev.lanyard.usersystem.mobile;

import jakarta.security.enterprise.credential.Credential;

/** What the logon page's mobile form sends: the number, the challenge it asked for, the code, and its login transaction. */
public record MobileCredential(String phoneNumber, String region, String challengeId, String code, String appId,
                               String transaction) implements Credential {

    @Override
    public String toString() {
        return "MobileCredential[challengeId=" + challengeId + "]";
    }
}
