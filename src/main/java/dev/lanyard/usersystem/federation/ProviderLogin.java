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

    @Column(name = "trip_secret")
    private String tripSecret;

    @Column(name = "next_path")
    private String nextPath;

    @Column(name = "link_user_id")
    private String linkUserId;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "match_code")
    private String matchCode;

    @Column(name = "confirm_hash")
    private String confirmHash;

    @Column(name = "result_identity")
    private String resultIdentity;

    @Column(name = "result_user_id")
    private String resultUserId;

    @Column(name = "client_ip")
    private String clientIp;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    /** A phone-scan trip: what the computer shows, sealed (see {@link FederatedSignIn#startScan}). */
    @Column(name = "scan_sealed")
    private String scanSealed;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ProviderLogin() {
    }

    ProviderLogin(String stateHash, String domainId, String userSystem, Purpose purpose, String browserBinding, String tripSecret,
                  String nextPath, String linkUserId, String matchCode, String clientIp, Instant now, Instant expiresAt) {
        this.stateHash = stateHash;
        this.domainId = domainId;
        this.userSystem = userSystem;
        this.purpose = purpose;
        this.browserBinding = browserBinding;
        this.tripSecret = tripSecret;
        this.nextPath = nextPath;
        this.linkUserId = linkUserId;
        this.status = Status.STARTED;
        this.matchCode = matchCode;
        this.clientIp = clientIp;
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

    /** The trip's own secret (RAM: the PKCE code_verifier); never sent to the browser. */
    public String getTripSecret() {
        return tripSecret;
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

    /** Scan: the number the computer shows, which the phone must pick. */
    public String getScanSealed() {
        return scanSealed;
    }

    public String getMatchCode() {
        return matchCode;
    }

    /** Scan: the identity the phone proved, as JSON, until its user is known. */
    public String getResultIdentity() {
        return resultIdentity;
    }

    public String getResultUserId() {
        return resultUserId;
    }

    public String getClientIp() {
        return clientIp;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
