package dev.lanyard.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One refresh token (stored as its SHA-256 hash) of a family; {@code rotatedAt} is set when it was exchanged. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "family_id")
    private RefreshFamily family;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "idle_expires_at")
    private Instant idleExpiresAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    protected RefreshToken() {
    }

    RefreshToken(String tokenHash, RefreshFamily family, Instant createdAt, Instant idleExpiresAt) {
        this.tokenHash = tokenHash;
        this.family = family;
        this.createdAt = createdAt;
        this.idleExpiresAt = idleExpiresAt;
    }

    RefreshFamily getFamily() {
        return family;
    }

    boolean isRotated() {
        return rotatedAt != null;
    }

    void markRotated(Instant when) {
        rotatedAt = when;
    }

    Instant getIdleExpiresAt() {
        return idleExpiresAt;
    }
}
