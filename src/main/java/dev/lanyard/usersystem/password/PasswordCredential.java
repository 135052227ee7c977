package dev.lanyard.usersystem.password;

import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.Password;

/** A username and password typed on the logon page, for the domain the request came to. */
public record PasswordCredential(String domainId, String username, Password password) implements Credential {

    @Override
    public void clear() {
        password.clear();
    }

    @Override
    public String toString() {
        return "PasswordCredential[domainId=" + domainId + ", username=" + username + "]";
    }
}
