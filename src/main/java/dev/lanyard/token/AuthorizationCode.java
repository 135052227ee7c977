package dev.lanyard.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A single-use authorization code (stored as its SHA-256 hash), bound to app, user, redirect_uri and PKCE challenge. */
@Entity
@Table(name = "authorization_codes")
public class AuthorizationCode {

    @Id
    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "app_id")
    private String appId;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "redirect_uri")
    private String redirectUri;

    private String scope;

    @Column(name = "code_challenge")
    private String codeChallenge;

    private String nonce;

    @Column(name = "auth_time")
    private Instant authTime;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "redeemed_at")
    private Instant redeemedAt;

    @Column(name = "family_id")
    private String familyId;

    protected AuthorizationCode() {
    }

    AuthorizationCode(String codeHash, CodeGrant grant, Instant createdAt, Instant expiresAt) {
        this.codeHash = codeHash;
        this.domainId = grant.domainId();
        this.appId = grant.appId();
        this.userId = grant.userId();
        this.redirectUri = grant.redirectUri();
        this.scope = grant.scope();
        this.codeChallenge = grant.codeChallenge();
        this.nonce = grant.nonce();
        this.authTime = grant.authTime();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public CodeGrant grant() {
        return new CodeGrant(domainId, appId, userId, redirectUri, scope, codeChallenge, nonce, authTime);
    }

    String getCodeHash() {
        return codeHash;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    String getFamilyId() {
        return familyId;
    }

    void attachFamily(String familyId) {
        this.familyId = familyId;
    }

    /** What the user approved, as carried by a code. */
    public record CodeGrant(String domainId, String appId, String userId, String redirectUri, String scope,
                            String codeChallenge, String nonce, Instant authTime) {
    }
}
