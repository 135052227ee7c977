package dev.lanyard.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One security-relevant event. Holds no code, token or secret; numbers are masked before they get here. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    /** Given by {@link AuditIds} when {@link AuditLog} writes the event; this entity only reads. */
    @Id
    private Long id;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "event_type")
    private String eventType;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "app_id")
    private String appId;

    private String subject;

    @Column(name = "client_ip")
    private String clientIp;

    private String detail;

    @Column(name = "created_at")
    private Instant createdAt;

    protected AuditEvent() {
    }

    public Long getId() {
        return id;
    }

    /** Whether it reports a refusal or failure ({@link AuditFilter#FAILURE_EVENTS}). */
    public boolean isFailure() {
        return AuditFilter.resultOf(eventType) == AuditFilter.Result.FAILURE;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getEventType() {
        return eventType;
    }

    public String getUserId() {
        return userId;
    }

    public String getAppId() {
        return appId;
    }

    public String getSubject() {
        return subject;
    }

    public String getClientIp() {
        return clientIp;
    }

    public String getDetail() {
        return detail;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
