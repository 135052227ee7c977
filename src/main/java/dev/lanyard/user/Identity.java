package dev.lanyard.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One way to sign in, linked to a user: a user-system type (password, mobile, dingtalk, ram, jwt) and the key the
 * system knows the person by. Unique per domain, type and value.
 */
@Entity
@Table(name = "identities")
public class Identity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lanyard_seq")
    @SequenceGenerator(name = "lanyard_seq", sequenceName = "lanyard_seq", allocationSize = 1)
    private Long id;

    @Column(name = "domain_id")
    private String domainId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_ref")
    private User user;

    @Column(name = "identity_type")
    private String type;

    @Column(name = "identity_value")
    private String value;

    private String extra;

    /** The slow salted hash of a password identity; null for identities proven elsewhere. */
    @Column(name = "secret_hash")
    private String secretHash;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Identity() {
    }

    public Identity(User user, String type, String value, String secretHash, Instant now) {
        this.domainId = user.getDomainId();
        this.user = user;
        this.type = type;
        this.value = value;
        this.secretHash = secretHash;
        this.createdAt = now;
    }

    /** What the identity's system says about it (a display name, as JSON), refreshed at each sign-in. */
    public void describe(String extra) {
        this.extra = extra;
    }

    public void replaceSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    public Long getId() {
        return id;
    }

    public String getDomainId() {
        return domainId;
    }

    public User getUser() {
        return user;
    }

    public String getType() {
        return type;
    }

    public String getValue() {
        return value;
    }

    public String getExtra() {
        return extra;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
