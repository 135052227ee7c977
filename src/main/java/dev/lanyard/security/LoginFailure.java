package dev.lanyard.security;

import dev.lanyard.config.LoginFailurePolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The failed-login counter of one account name in one domain (the name need not exist). */
@Entity
@Table(name = "login_failures")
@IdClass(LoginFailure.Key.class)
public class LoginFailure {

    @Id
    @Column(name = "domain_id")
    private String domainId;

    @Id
    @Column(name = "account_key")
    private String accountKey;

    private int failures;

    @Column(name = "window_started_at")
    private Instant windowStartedAt;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    protected LoginFailure() {
    }

    LoginFailure(String domainId, String accountKey) {
        this.domainId = domainId;
        this.accountKey = accountKey;
    }

    LoginFailurePolicy.State state() {
        return windowStartedAt == null ? null : new LoginFailurePolicy.State(failures, windowStartedAt, lockedUntil);
    }

    void apply(LoginFailurePolicy.State state) {
        this.failures = state.failures();
        this.windowStartedAt = state.windowStartedAt();
        this.lockedUntil = state.lockedUntil();
    }

    public static class Key implements Serializable {
        private String domainId;
        private String accountKey;

        public Key() {
        }

        public Key(String domainId, String accountKey) {
            this.domainId = domainId;
            this.accountKey = accountKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(domainId, k.domainId) && Objects.equals(accountKey, k.accountKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(domainId, accountKey);
        }
    }
}
