package dev.lanyard.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Whether a domain enables one user system, and that system's settings as JSON (each user-system package reads its
 * own). Secrets inside the settings are stored encrypted by the package that owns them.
 */
@Entity
@Table(name = "domain_user_systems")
public class UserSystemConfig {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lanyard_seq")
    @SequenceGenerator(name = "lanyard_seq", sequenceName = "lanyard_seq", allocationSize = 1)
    private Long id;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "user_system")
    private String userSystem;

    private boolean enabled;

    private String settings;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected UserSystemConfig() {
    }

    public UserSystemConfig(String domainId, String userSystem, boolean enabled, String settings, Instant now) {
        this.domainId = domainId;
        this.userSystem = userSystem;
        this.enabled = enabled;
        this.settings = settings;
        this.updatedAt = now;
    }

    /** True when something changed. */
    public boolean configure(boolean enabled, String settings, Instant now) {
        if (enabled == this.enabled && java.util.Objects.equals(settings, this.settings)) {
            return false;
        }
        this.enabled = enabled;
        this.settings = settings;
        this.updatedAt = now;
        return true;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getUserSystem() {
        return userSystem;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getSettings() {
        return settings;
    }
}
