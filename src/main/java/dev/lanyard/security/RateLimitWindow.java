package dev.lanyard.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The counter of one rate limit in one domain, e.g. "SMS sends to +8613800000000 this hour". */
@Entity
@Table(name = "rate_limit_windows")
@IdClass(RateLimitWindow.Key.class)
public class RateLimitWindow {

    @Id
    @Column(name = "domain_id")
    private String domainId;

    @Id
    @Column(name = "limit_key")
    private String limitKey;

    @Column(name = "window_started_at")
    private Instant windowStartedAt;

    private int used;

    protected RateLimitWindow() {
    }

    Instant windowStartedAt() {
        return windowStartedAt;
    }

    int used() {
        return used;
    }

    void restart(Instant now) {
        this.windowStartedAt = now;
        this.used = 0;
    }

    void use() {
        used++;
    }

    public static class Key implements Serializable {
        private String domainId;
        private String limitKey;

        public Key() {
        }

        public Key(String domainId, String limitKey) {
            this.domainId = domainId;
            this.limitKey = limitKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.domainId.equals(domainId) && k.limitKey.equals(limitKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(domainId, limitKey);
        }
    }
}
