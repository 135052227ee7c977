package dev.lanyard.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One security-relevant event. Holds no code, token or secret; numbers are masked before they get here. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lanyard_audit_seq")
    // ids in blocks of 50 from the shared sequence (which steps by 50, V8): one round trip per 50 events
    @SequenceGenerator(name = "lanyard_audit_seq", sequenceName = "lanyard_audit_seq", allocationSize = 50)
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

    AuditEvent(String domainId, String eventType, String userId, String appId, String subject, String clientIp,
               String detail, Instant now) {
        this.domainId = domainId;
        this.eventType = eventType;
        this.userId = userId;
        this.appId = appId;
        this.subject = subject;
        this.clientIp = clientIp;
        this.detail = detail;
        this.createdAt = now;
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
