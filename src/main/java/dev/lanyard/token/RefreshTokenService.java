package dev.lanyard.token;

import dev.lanyard.database.DataSourceDeclaration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/** Refresh-token families: start one per login, rotate on every use, revoke the family on reuse. */
@ApplicationScoped
public class RefreshTokenService {

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    TokenSettings settings;

    @Inject
    Clock clock;

    /** What a rotation attempt came to. Only {@link Outcome#ROTATED} carries a new token. */
    public enum Outcome { ROTATED, UNKNOWN, EXPIRED, REVOKED, REUSED, WRONG_APP }

    public record Rotation(Outcome outcome, RefreshFamily family, String newToken) {
    }

    /** A new family for a login, with its first token (returned in plain text once). */
    @Transactional
    public Rotation startFamily(String domainId, String appId, String userId, String scope, Instant authTime,
                                Duration absoluteLifetime) {
        Instant now = clock.instant();
        RefreshFamily family = new RefreshFamily(OpaqueSecrets.newId(), domainId, appId, userId, scope, authTime, now,
                now.plus(absoluteLifetime));
        em.persist(family);
        String token = issue(family, now);
        return new Rotation(Outcome.ROTATED, family, token);
    }

    /**
     * Exchanges a refresh token for its successor in one transaction. The old token is claimed by a conditional update
     * (only one of two concurrent uses can set {@code rotated_at}); the loser, like any later use, counts as reuse and
     * revokes the family. Plain JDBC on purpose: this is the hottest write path of the token endpoint, and three
     * statements without the persistence context's bookkeeping cost a fraction of the same work through JPA
     * (docs/performance.md has the measurement).
     */
    @Transactional
    public Rotation rotate(String domainId, String appId, String presentedToken) {
        Instant now = clock.instant();
        String hash = OpaqueSecrets.sha256Hex(presentedToken);
        try (Connection connection = dataSource.getConnection()) {
            Optional<PresentedToken> found = findPresented(connection, hash);
            if (found.isEmpty() || !found.get().family().getDomainId().equals(domainId)) {
                return new Rotation(Outcome.UNKNOWN, null, null);
            }
            PresentedToken token = found.get();
            RefreshFamily family = token.family();
            if (!family.getAppId().equals(appId)) {
                return new Rotation(Outcome.WRONG_APP, family, null);
            }
            if (family.isRevoked()) {
                return new Rotation(Outcome.REVOKED, family, null);
            }
            if (!token.rotated() && (!family.getExpiresAt().isAfter(now) || !token.idleExpiresAt().isAfter(now))) {
                return new Rotation(Outcome.EXPIRED, family, null);
            }
            if (token.rotated() || !claim(connection, hash, now)) {
                revoke(connection, family.getFamilyId(), now, "refresh_token_reused");
                return new Rotation(Outcome.REUSED, family, null);
            }
            return new Rotation(Outcome.ROTATED, family, insertSuccessor(connection, family, now));
        } catch (SQLException e) {
            throw new IllegalStateException("refresh-token rotation failed", e);
        }
    }

    /** The presented token's row joined with its family, as read now. */
    private record PresentedToken(boolean rotated, Instant idleExpiresAt, RefreshFamily family) {
    }

    private static Optional<PresentedToken> findPresented(Connection connection, String hash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT t.rotated_at, t.idle_expires_at, f.family_id, f.domain_id, f.app_id, f.user_id, f.scope,
                       f.auth_time, f.created_at, f.expires_at, f.revoked_at
                  FROM refresh_tokens t JOIN refresh_families f ON f.family_id = t.family_id
                 WHERE t.token_hash = ?""")) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                RefreshFamily family = new RefreshFamily(row.getString(3), row.getString(4), row.getString(5),
                        row.getString(6), row.getString(7), instant(row, 8), instant(row, 9), instant(row, 10));
                family.markRevokedAsRead(instant(row, 11));
                return Optional.of(new PresentedToken(row.getObject(1) != null, instant(row, 2), family));
            }
        }
    }

    /** Marks the token rotated unless another use did first; true when this call won. */
    private static boolean claim(Connection connection, String hash, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ? AND rotated_at IS NULL")) {
            update.setObject(1, timestamp(now));
            update.setString(2, hash);
            return update.executeUpdate() == 1;
        }
    }

    private String insertSuccessor(Connection connection, RefreshFamily family, Instant now) throws SQLException {
        String token = OpaqueSecrets.newSecret();
        Instant idle = now.plus(settings.refreshIdle());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO refresh_tokens (token_hash, family_id, created_at, idle_expires_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, OpaqueSecrets.sha256Hex(token));
            insert.setString(2, family.getFamilyId());
            insert.setObject(3, timestamp(now));
            insert.setObject(4, timestamp(idle.isAfter(family.getExpiresAt()) ? family.getExpiresAt() : idle));
            insert.executeUpdate();
        }
        return token;
    }

    private static void revoke(Connection connection, String familyId, Instant now, String reason) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE refresh_families SET revoked_at = ?, revoked_reason = ? WHERE family_id = ? AND revoked_at IS NULL")) {
            update.setObject(1, timestamp(now));
            update.setString(2, reason);
            update.setString(3, familyId);
            update.executeUpdate();
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Revokes the family of a refresh token (RFC 7009); false when the token is unknown or of another app. */
    @Transactional
    public boolean revokeByToken(String domainId, String appId, String presentedToken) {
        RefreshToken token = em.find(RefreshToken.class, OpaqueSecrets.sha256Hex(presentedToken));
        if (token == null || !token.getFamily().getDomainId().equals(domainId) || !token.getFamily().getAppId().equals(appId)) {
            return false;
        }
        token.getFamily().revoke(clock.instant(), "revoked");
        return true;
    }

    @Transactional
    public void revokeFamily(String familyId, String reason) {
        RefreshFamily family = em.find(RefreshFamily.class, familyId, LockModeType.PESSIMISTIC_WRITE);
        if (family != null) {
            family.revoke(clock.instant(), reason);
        }
    }

    /** The family of a refresh token, when the token is current (not rotated) and its family usable. */
    public Optional<RefreshFamily> activeFamilyOf(String domainId, String presentedToken) {
        Instant now = clock.instant();
        RefreshToken token = em.find(RefreshToken.class, OpaqueSecrets.sha256Hex(presentedToken));
        if (token == null || token.isRotated() || !token.getIdleExpiresAt().isAfter(now)) {
            return Optional.empty();
        }
        RefreshFamily family = token.getFamily();
        boolean usable = family.getDomainId().equals(domainId) && !family.isRevoked() && family.getExpiresAt().isAfter(now);
        return usable ? Optional.of(family) : Optional.empty();
    }

    /** Most sessions the account page lists (a user with more sees the newest; "revoke all" still ends every one). */
    public static final int MAX_LISTED_SESSIONS = 100;

    /** A user's usable refresh token families (one per app session), newest first, at most {@link #MAX_LISTED_SESSIONS}. */
    public java.util.List<RefreshFamily> activeFamiliesOf(String domainId, String userId) {
        return em.createQuery("select f from RefreshFamily f where f.domainId = :d and f.userId = :u and f.revokedAt is null "
                        + "and f.expiresAt > :now order by f.createdAt desc", RefreshFamily.class)
                .setParameter("d", domainId).setParameter("u", userId).setParameter("now", clock.instant())
                .setMaxResults(MAX_LISTED_SESSIONS).getResultList();
    }

    /** Revokes one family of this user (false when it is not theirs or already revoked): the account page's "Revoke". */
    @Transactional
    public boolean revokeFamilyOf(String domainId, String userId, String familyId, String reason) {
        RefreshFamily family = familyId == null ? null : em.find(RefreshFamily.class, familyId, LockModeType.PESSIMISTIC_WRITE);
        if (family == null || !family.getDomainId().equals(domainId) || !family.getUserId().equals(userId) || family.isRevoked()) {
            return false;
        }
        family.revoke(clock.instant(), reason);
        return true;
    }

    /** Revokes every usable family of this user; how many. */
    @Transactional
    public int revokeAllOf(String domainId, String userId, String reason) {
        return em.createQuery("update RefreshFamily f set f.revokedAt = :now, f.revokedReason = :reason where f.domainId = :d "
                        + "and f.userId = :u and f.revokedAt is null")
                .setParameter("now", clock.instant()).setParameter("reason", reason).setParameter("d", domainId)
                .setParameter("u", userId).executeUpdate();
    }

    /** Whether access tokens issued for this family must be refused (revoked family). */
    public boolean isFamilyRevoked(String familyId) {
        RefreshFamily family = em.find(RefreshFamily.class, familyId);
        return family == null || family.isRevoked();
    }

    private String issue(RefreshFamily family, Instant now) {
        String token = OpaqueSecrets.newSecret();
        Instant idle = now.plus(settings.refreshIdle());
        em.persist(new RefreshToken(OpaqueSecrets.sha256Hex(token), family, now, idle.isAfter(family.getExpiresAt()) ? family.getExpiresAt() : idle));
        return token;
    }
}
