package dev.lanyard.user;

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

/** A person (or service account) of one domain. How they sign in is in their {@link Identity} rows. */
@Entity
@Table(name = "users")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lanyard_seq")
    @SequenceGenerator(name = "lanyard_seq", sequenceName = "lanyard_seq", allocationSize = 1)
    private Long id;

    @Column(name = "domain_id")
    private String domainId;

    @Column(name = "user_id")
    private String userId;

    @Column(name = "nick_name")
    private String nickName;

    private String avatar;
    private String email;
    private String phone;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Enumerated(EnumType.STRING)
    private UserStatus status;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    /** Browser sessions that signed in before this are over ("revoke all sessions"); null: none revoked. */
    @Column(name = "sessions_revoked_at")
    private Instant sessionsRevokedAt;

    protected User() {
    }

    public User(String domainId, String userId, String nickName, Role role, Instant now) {
        this.domainId = domainId;
        this.userId = userId;
        this.nickName = nickName;
        this.role = role;
        this.status = UserStatus.ENABLED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * The service account of a domain, as the subject of its service tokens (sub = the domain id, superadmin rights).
     * Never stored: there is no user row behind it.
     */
    public static User serviceAccountOf(String domainId, Instant now) {
        User account = new User(domainId, domainId, "Service account", Role.SUPERADMIN, now);
        account.serviceAccount = true;
        return account;
    }

    @jakarta.persistence.Transient
    private boolean serviceAccount;

    /** Whether this is a domain's service account (see {@link #serviceAccountOf}). */
    public boolean isServiceAccount() {
        return serviceAccount;
    }

    /** The nick name, or the user_id when there is none. */
    public String displayName() {
        return nickName == null || nickName.isBlank() ? userId : nickName;
    }

    /** The declared profile of a user (import, management API); true when something changed. */
    public boolean configure(String nickName, Role role, UserStatus status, String phone, String email, Instant now) {
        boolean changed = !java.util.Objects.equals(nickName, this.nickName) || role != this.role || status != this.status
                || !java.util.Objects.equals(phone, this.phone) || !java.util.Objects.equals(email, this.email);
        if (changed) {
            this.nickName = nickName;
            this.role = role;
            this.status = status;
            this.phone = phone;
            this.email = email;
            this.updatedAt = now;
        }
        return changed;
    }

    /** The picture a user brought from the identity provider they registered with. */
    public void adoptAvatar(String avatar, Instant now) {
        if (!java.util.Objects.equals(avatar, this.avatar)) {
            this.avatar = avatar;
            this.updatedAt = now;
        }
    }

    public boolean canSignIn() {
        return status == UserStatus.ENABLED;
    }

    /** Ends every browser session this user signed in before {@code now}. */
    public void revokeSessions(Instant now) {
        this.sessionsRevokedAt = now;
        this.updatedAt = now;
    }

    /** Whether a browser session that signed in at {@code signedInAt} was revoked since. */
    public boolean sessionRevoked(Instant signedInAt) {
        return sessionsRevokedAt != null && !signedInAt.isAfter(sessionsRevokedAt);
    }

    public void recordLogin(Instant when) {
        this.lastLoginAt = when;
    }

    public Long getId() {
        return id;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getUserId() {
        return userId;
    }

    public String getNickName() {
        return nickName;
    }

    public String getAvatar() {
        return avatar;
    }

    public String getEmail() {
        return email;
    }

    public String getPhone() {
        return phone;
    }

    public Role getRole() {
        return role;
    }

    public UserStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }
}
