package dev.lanyard.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The refresh tokens of one login of one user at one app. Every use rotates the token; a rotated token used again
 * means it leaked, so the whole family (and the access tokens it issued) is revoked.
 */
@Entity
@Table(name = "refresh_families")
public class RefreshFamily {

    @Id
    @Column(name = "family_id")
    private String familyId;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "app_id")
    private String appId;

    @Column(name = "user_id")
    private String userId;

    private String scope;

    @Column(name = "auth_time")
    private Instant authTime;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_reason")
    private String revokedReason;

    protected RefreshFamily() {
    }

    RefreshFamily(String familyId, String domainId, String appId, String userId, String scope, Instant authTime,
                  Instant createdAt, Instant expiresAt) {
        this.familyId = familyId;
        this.domainId = domainId;
        this.appId = appId;
        this.userId = userId;
        this.scope = scope;
        this.authTime = authTime;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** For a family read with plain JDBC (the rotation's fast path): its revocation as stored. */
    void markRevokedAsRead(Instant revokedAt) {
        this.revokedAt = revokedAt;
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    void revoke(Instant when, String reason) {
        if (revokedAt == null) {
            revokedAt = when;
            revokedReason = reason;
        }
    }

    public String getFamilyId() {
        return familyId;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getAppId() {
        return appId;
    }

    public String getUserId() {
        return userId;
    }

    public String getScope() {
        return scope;
    }

    public Instant getAuthTime() {
        return authTime;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
