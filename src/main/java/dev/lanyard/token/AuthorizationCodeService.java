package dev.lanyard.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Issues authorization codes and redeems each exactly once, even under concurrent redemptions on several nodes. */
@ApplicationScoped
public class AuthorizationCodeService {

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenSettings settings;

    @Inject
    RefreshTokenService refreshTokens;

    @Inject
    Clock clock;

    /** The outcome of a redemption: the grant when this call won it, else why not. */
    public record Redemption(AuthorizationCode.CodeGrant grant, String codeHash, Failure failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    public enum Failure { UNKNOWN, EXPIRED, ALREADY_REDEEMED }

    /** Returns the code in plain text, the only time it exists outside the browser and the app. */
    @Transactional
    public String issue(AuthorizationCode.CodeGrant grant) {
        String code = OpaqueSecrets.newSecret();
        Instant now = clock.instant();
        em.persist(new AuthorizationCode(OpaqueSecrets.sha256Hex(code), grant, now, now.plus(settings.codeLifetime())));
        return code;
    }

    /**
     * Marks the code redeemed with one conditional UPDATE, committed at once: of concurrent redemptions exactly one
     * sees its update count be 1. A second redemption revokes the tokens the first one obtained.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Redemption redeem(String domainId, String code) {
        String hash = OpaqueSecrets.sha256Hex(code);
        Instant now = clock.instant();
        int won = em.createQuery("update AuthorizationCode c set c.redeemedAt = :now "
                        + "where c.codeHash = :hash and c.domainId = :domain and c.redeemedAt is null")
                .setParameter("now", now).setParameter("hash", hash).setParameter("domain", domainId)
                .executeUpdate();
        AuthorizationCode stored = em.find(AuthorizationCode.class, hash);
        if (stored == null || !stored.grant().domainId().equals(domainId)) {
            return new Redemption(null, hash, Failure.UNKNOWN);
        }
        if (won == 0) {
            Optional.ofNullable(stored.getFamilyId()).ifPresent(f -> refreshTokens.revokeFamily(f, "authorization_code_reused"));
            return new Redemption(null, hash, Failure.ALREADY_REDEEMED);
        }
        if (!stored.getExpiresAt().isAfter(now)) {
            return new Redemption(null, hash, Failure.EXPIRED);
        }
        return new Redemption(stored.grant(), hash, null);
    }

    /** Records which refresh family the code started, so that a later reuse of the code can revoke it. */
    @Transactional
    public void attachFamily(String codeHash, String familyId) {
        AuthorizationCode code = em.find(AuthorizationCode.class, codeHash);
        if (code != null) {
            code.attachFamily(familyId);
        }
    }
}
