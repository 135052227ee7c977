package dev.lanyard.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Refresh-token families: start one per login, rotate on every use, revoke the family on reuse. */
@ApplicationScoped
public class RefreshTokenService {

    @PersistenceContext
    EntityManager em;

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
     * Exchanges a refresh token for its successor, in one transaction with the old token's row locked, so two
     * concurrent uses cannot both succeed. A reused (already rotated) token revokes the family.
     */
    @Transactional
    public Rotation rotate(String domainId, String appId, String presentedToken) {
        Instant now = clock.instant();
        RefreshToken token = em.find(RefreshToken.class, OpaqueSecrets.sha256Hex(presentedToken), LockModeType.PESSIMISTIC_WRITE);
        if (token == null || !token.getFamily().getDomainId().equals(domainId)) {
            return new Rotation(Outcome.UNKNOWN, null, null);
        }
        RefreshFamily family = em.find(RefreshFamily.class, token.getFamily().getFamilyId(), LockModeType.PESSIMISTIC_WRITE);
        if (!family.getAppId().equals(appId)) {
            return new Rotation(Outcome.WRONG_APP, family, null);
        }
        if (family.isRevoked()) {
            return new Rotation(Outcome.REVOKED, family, null);
        }
        if (token.isRotated()) {
            family.revoke(now, "refresh_token_reused");
            return new Rotation(Outcome.REUSED, family, null);
        }
        if (!family.getExpiresAt().isAfter(now) || !token.getIdleExpiresAt().isAfter(now)) {
            return new Rotation(Outcome.EXPIRED, family, null);
        }
        token.markRotated(now);
        return new Rotation(Outcome.ROTATED, family, issue(family, now));
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
