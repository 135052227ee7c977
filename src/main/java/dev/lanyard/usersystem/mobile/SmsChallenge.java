package dev.lanyard.usersystem.mobile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One code sent to one number (its {@code challengeId} is PDS's sms_code_id). Only the code's HMAC is kept. */
@Entity
@Table(name = "sms_challenges")
public class SmsChallenge {

    /** OPEN until the right code is used (USED), too many wrong codes are tried or the send failed (DEAD). */
    public enum State { OPEN, USED, DEAD }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lanyard_seq")
    @SequenceGenerator(name = "lanyard_seq", sequenceName = "lanyard_seq", allocationSize = 1)
    private Long id;

    @Column(name = "challenge_id")
    private String challengeId;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "app_id")
    private String appId;

    @Column(name = "phone_number")
    private String phoneNumber;

    private String purpose;

    @Column(name = "code_hmac")
    private String codeHmac;

    @Column(name = "failed_attempts")
    private int failedAttempts;

    @Enumerated(EnumType.STRING)
    private State state;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected SmsChallenge() {
    }

    SmsChallenge(String challengeId, String domainId, String appId, String phoneNumber, String purpose, String codeHmac,
                 Instant now, Instant expiresAt) {
        this.challengeId = challengeId;
        this.domainId = domainId;
        this.appId = appId;
        this.phoneNumber = phoneNumber;
        this.purpose = purpose;
        this.codeHmac = codeHmac;
        this.state = State.OPEN;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    boolean isOpen(Instant now) {
        return state == State.OPEN && now.isBefore(expiresAt);
    }

    /** Counts a wrong code; returns true when that was the last allowed one and the challenge is now dead. */
    boolean recordWrongCode(int maxAttempts) {
        failedAttempts++;
        if (failedAttempts >= maxAttempts) {
            state = State.DEAD;
            return true;
        }
        return false;
    }

    void markUsed() {
        state = State.USED;
    }

    void kill() {
        state = State.DEAD;
    }

    String getCodeHmac() {
        return codeHmac;
    }

    public String getChallengeId() {
        return challengeId;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getPhoneNumber() {
        return phoneNumber;
    }

    public String getPurpose() {
        return purpose;
    }
}
