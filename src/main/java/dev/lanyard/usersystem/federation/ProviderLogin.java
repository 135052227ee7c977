package dev.lanyard.usersystem.federation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One trip to a provider and back (table provider_logins); the state itself is stored only as its hash. */
@Entity
@Table(name = "provider_logins")
public class ProviderLogin {

    /** What the trip is for. */
    public enum Purpose { LOGIN, LINK, QR }

    /** Where the trip is. A status only moves forward, by conditional updates. */
    public enum Status { STARTED, USED, IDENTIFIED, CONFIRMED, FINISHED, FAILED }

    @Id
    @Column(name = "state_hash")
    private String stateHash;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "user_system")
    private String userSystem;

    @Enumerated(EnumType.STRING)
    private Purpose purpose;

    @Column(name = "browser_binding")
    private String browserBinding;

    private String nonce;

    @Column(name = "next_path")
    private String nextPath;

    @Column(name = "link_user_id")
    private String linkUserId;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "result_user_id")
    private String resultUserId;

    @Column(name = "confirm_hash")
    private String confirmHash;

    @Column(name = "client_ip")
    private String clientIp;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ProviderLogin() {
    }

    ProviderLogin(String stateHash, String domainId, String userSystem, Purpose purpose, String browserBinding, String nonce,
                  String nextPath, String linkUserId, String clientIp, String userAgent, Instant now, Instant expiresAt) {
        this.stateHash = stateHash;
        this.domainId = domainId;
        this.userSystem = userSystem;
        this.purpose = purpose;
        this.browserBinding = browserBinding;
        this.nonce = nonce;
        this.nextPath = nextPath;
        this.linkUserId = linkUserId;
        this.status = Status.STARTED;
        this.clientIp = clientIp;
        this.userAgent = userAgent;
        this.createdAt = now;
        this.expiresAt = expiresAt;
        this.updatedAt = now;
    }

    public String getStateHash() {
        return stateHash;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getUserSystem() {
        return userSystem;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public String getBrowserBinding() {
        return browserBinding;
    }

    public String getNonce() {
        return nonce;
    }

    public String getNextPath() {
        return nextPath;
    }

    public String getLinkUserId() {
        return linkUserId;
    }

    public Status getStatus() {
        return status;
    }

    public String getResultUserId() {
        return resultUserId;
    }

    public String getConfirmHash() {
        return confirmHash;
    }

    public String getClientIp() {
        return clientIp;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
