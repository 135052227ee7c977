package dev.lanyard.accesskey;

import dev.lanyard.user.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** An AccessKey pair of a domain: the id is public, the secret is stored encrypted (verification needs it back). */
@Entity
@Table(name = "access_keys")
public class AccessKey {

    /** The encryption purpose of a secret, bound to its key id. */
    public static String purpose(String accessKeyId) {
        return "access-key:" + accessKeyId;
    }

    @Id
    @Column(name = "access_key_id")
    private String accessKeyId;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "secret_encrypted")
    private String secretEncrypted;

    @Enumerated(EnumType.STRING)
    private Role role;

    private String description;

    @Enumerated(EnumType.STRING)
    private AccessKeyStatus status;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected AccessKey() {
    }

    public AccessKey(String accessKeyId, String domainId, String secretEncrypted, Role role, String description, Instant now) {
        this.accessKeyId = accessKeyId;
        this.domainId = domainId;
        this.secretEncrypted = secretEncrypted;
        this.role = role;
        this.description = description;
        this.status = AccessKeyStatus.ENABLED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Updates the declared fields; true when something changed. */
    public boolean update(Role role, String description, AccessKeyStatus status, Instant now) {
        if (this.role == role && Objects.equals(this.description, description) && this.status == status) {
            return false;
        }
        this.role = role;
        this.description = description;
        this.status = status;
        this.updatedAt = now;
        return true;
    }

    /** What an audit event says about the key: never its secret. */
    public String auditDetail() {
        return "key " + accessKeyId + ", role " + role.wireName() + ", " + (isEnabled() ? "enabled" : "disabled");
    }

    public boolean isEnabled() {
        return status == AccessKeyStatus.ENABLED;
    }

    public void replaceSecret(String secretEncrypted, Instant now) {
        this.secretEncrypted = secretEncrypted;
        this.updatedAt = now;
    }

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getSecretEncrypted() {
        return secretEncrypted;
    }

    public Role getRole() {
        return role;
    }

    public String getDescription() {
        return description;
    }

    public AccessKeyStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }
}
