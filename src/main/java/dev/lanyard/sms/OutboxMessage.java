package dev.lanyard.sms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A message the development outbox kept instead of sending; its text (with the code) is encrypted. */
@Entity
@Table(name = "sms_outbox")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lanyard_seq")
    @SequenceGenerator(name = "lanyard_seq", sequenceName = "lanyard_seq", allocationSize = 1)
    private Long id;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "phone_number")
    private String phoneNumber;

    @Column(name = "message_encrypted")
    private String messageEncrypted;

    @Column(name = "created_at")
    private Instant createdAt;

    protected OutboxMessage() {
    }

    OutboxMessage(String domainId, String phoneNumber, String messageEncrypted, Instant now) {
        this.domainId = domainId;
        this.phoneNumber = phoneNumber;
        this.messageEncrypted = messageEncrypted;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getPhoneNumber() {
        return phoneNumber;
    }

    String getMessageEncrypted() {
        return messageEncrypted;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
