package dev.lanyard.bridge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** The stored upstream settings of a domain (table domain_upstreams), their secrets sealed. */
@Entity
@Table(name = "domain_upstreams")
public class DomainUpstream {

    @Id
    @Column(name = "domain_id")
    private String domainId;

    private String settings;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected DomainUpstream() {
    }

    public DomainUpstream(String domainId, String settings, Instant now) {
        this.domainId = domainId;
        this.settings = settings;
        this.updatedAt = now;
    }

    /** True when something changed. */
    public boolean replace(String settings, Instant now) {
        if (Objects.equals(settings, this.settings)) {
            return false;
        }
        this.settings = settings;
        this.updatedAt = now;
        return true;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getSettings() {
        return settings;
    }
}
