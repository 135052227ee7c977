package dev.lanyard.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An access token revoked before it expired, by jti; kept only until it would have expired anyway. */
@Entity
@Table(name = "revoked_access_tokens")
public class RevokedAccessToken {

    @Id
    private String jti;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected RevokedAccessToken() {
    }

    public RevokedAccessToken(String jti, Instant expiresAt) {
        this.jti = jti;
        this.expiresAt = expiresAt;
    }
}
