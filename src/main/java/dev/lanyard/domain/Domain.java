package dev.lanyard.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant: its own users, apps and user systems. Requests find theirs by the first label of the Host header. */
@Entity
@Table(name = "domains")
public class Domain {

    /** A domain id is a host name label (requests find their domain by the Host's first label). */
    public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final int MAX_NAME = 200;

    @Id
    @Column(name = "domain_id")
    private String domainId;

    private String name;

    @Enumerated(EnumType.STRING)
    private DomainStatus status;

    /** RS256 (default) or ES256: the algorithm of the domain's signing keys. */
    @Column(name = "token_algorithm")
    private String tokenAlgorithm = "RS256";

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Domain() {
    }

    public Domain(String domainId, String name, Instant now) {
        this.domainId = domainId;
        this.name = name;
        this.status = DomainStatus.ENABLED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** True when something changed. */
    public boolean rename(String name, Instant now) {
        if (name.equals(this.name)) {
            return false;
        }
        this.name = name;
        this.updatedAt = now;
        return true;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getName() {
        return name;
    }

    public DomainStatus getStatus() {
        return status;
    }

    public String getTokenAlgorithm() {
        return tokenAlgorithm;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
