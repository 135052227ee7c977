package dev.lanyard.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One signing key pair of a domain. The public half is published in the JWKS from creation; the key signs from
 * {@code signsFrom} (later, so that verifiers caching the JWKS learn it first) until a successor takes over, and stays
 * published until every token it signed has expired. The private half is stored encrypted with the master key.
 */
@Entity
@Table(name = "signing_keys")
public class SigningKey {

    @Id
    private String kid;

    @Column(name = "domain_id")
    private String domainId;

    private String algorithm;

    @Column(name = "public_jwk")
    private String publicJwk;

    @Column(name = "private_key")
    private String encryptedPrivateJwk;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "signs_from")
    private Instant signsFrom;

    @Column(name = "signs_until")
    private Instant signsUntil;

    @Column(name = "published_until")
    private Instant publishedUntil;

    protected SigningKey() {
    }

    SigningKey(String kid, String domainId, String algorithm, String publicJwk, String encryptedPrivateJwk,
               Instant createdAt, Instant signsFrom) {
        this.kid = kid;
        this.domainId = domainId;
        this.algorithm = algorithm;
        this.publicJwk = publicJwk;
        this.encryptedPrivateJwk = encryptedPrivateJwk;
        this.createdAt = createdAt;
        this.signsFrom = signsFrom;
    }

    boolean signsAt(Instant now) {
        return !signsFrom.isAfter(now) && (signsUntil == null || signsUntil.isAfter(now));
    }

    boolean publishedAt(Instant now) {
        return publishedUntil == null || publishedUntil.isAfter(now);
    }

    void retire(Instant signsUntil, Instant publishedUntil) {
        this.signsUntil = signsUntil;
        this.publishedUntil = publishedUntil;
    }

    public String getKid() {
        return kid;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    String getPublicJwk() {
        return publicJwk;
    }

    String getEncryptedPrivateJwk() {
        return encryptedPrivateJwk;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSignsFrom() {
        return signsFrom;
    }

    public Instant getSignsUntil() {
        return signsUntil;
    }

    public Instant getPublishedUntil() {
        return publishedUntil;
    }
}
