package dev.lanyard.usersystem.federation;

import dev.lanyard.security.RateLimiter;
import dev.lanyard.token.OpaqueSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The trips to providers, in the database so that any node can take the callback and a restart loses none. Each step
 * is one conditional update from the status it expects: two callbacks with one state, or two confirmations of one
 * scan, cannot both go through.
 */
@ApplicationScoped
public class ProviderLogins {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RateLimiter rateLimiter;

    /** A trip just begun: the state and nonce to send (in plain text only here and in the provider's URL). */
    public record Started(String state, String nonce) {
    }

    /**
     * Records a new trip, within the per-address limit (a {@link RateLimiter.RateLimitExceeded} when it is used up:
     * nothing is recorded or counted then).
     */
    @Transactional
    public Started begin(String domainId, String userSystem, ProviderLogin.Purpose purpose, String browserBinding,
                         String nextPath, String linkUserId, String clientIp, String userAgent, Duration lifetime,
                         int startsPerIpPerHour) {
        rateLimiter.consume(domainId, List.of(new RateLimiter.Limit("federation:ip-hour:" + clientIp, startsPerIpPerHour,
                Duration.ofHours(1))));
        String state = OpaqueSecrets.newSecret();
        String nonce = OpaqueSecrets.newSecret();
        Instant now = clock.instant();
        em.persist(new ProviderLogin(OpaqueSecrets.sha256Hex(state), domainId, userSystem, purpose, browserBinding, nonce,
                nextPath, linkUserId, clip(clientIp, 64), clip(userAgent, 300), now, now.plus(lifetime)));
        return new Started(state, nonce);
    }

    /** The trip of a callback's state, claimed by this callback (started to used) if it is unused and unexpired. */
    @Transactional
    public Optional<ProviderLogin> claim(String domainId, String userSystem, String state) {
        return move(domainId, userSystem, state, ProviderLogin.Status.STARTED, ProviderLogin.Status.USED, null);
    }

    /** Scan with a phone: the phone's callback found this user; the phone must still confirm with the token. */
    @Transactional
    public void identified(String stateHash, String userId, String confirmToken) {
        em.createQuery("update ProviderLogin p set p.status = :to, p.resultUserId = :user, p.confirmHash = :confirm, "
                        + "p.updatedAt = :now where p.stateHash = :hash and p.status = :from")
                .setParameter("to", ProviderLogin.Status.IDENTIFIED).setParameter("user", userId)
                .setParameter("confirm", OpaqueSecrets.sha256Hex(confirmToken)).setParameter("now", clock.instant())
                .setParameter("hash", stateHash).setParameter("from", ProviderLogin.Status.USED)
                .executeUpdate();
    }

    /** The phone confirms (identified to confirmed) with the token it was given, before the code expires. */
    @Transactional
    public boolean confirm(String domainId, String userSystem, String state, String confirmToken) {
        return answerScan(domainId, userSystem, state, confirmToken, ProviderLogin.Status.CONFIRMED);
    }

    /** The phone says no: the trip ends (identified to failed), if the token is the one the phone was given. */
    @Transactional
    public boolean cancel(String domainId, String userSystem, String state, String confirmToken) {
        return answerScan(domainId, userSystem, state, confirmToken, ProviderLogin.Status.FAILED);
    }

    private boolean answerScan(String domainId, String userSystem, String state, String confirmToken, ProviderLogin.Status to) {
        if (state == null || confirmToken == null) {
            return false;
        }
        return em.createQuery("update ProviderLogin p set p.status = :to, p.updatedAt = :now where p.stateHash = :hash "
                        + "and p.domainId = :domain and p.userSystem = :system and p.status = :from and p.confirmHash = :confirm "
                        + "and p.expiresAt > :now")
                .setParameter("to", to).setParameter("now", clock.instant())
                .setParameter("hash", OpaqueSecrets.sha256Hex(state)).setParameter("domain", domainId)
                .setParameter("system", userSystem).setParameter("from", ProviderLogin.Status.IDENTIFIED)
                .setParameter("confirm", OpaqueSecrets.sha256Hex(confirmToken))
                .executeUpdate() == 1;
    }

    /** The computer that showed the code takes the confirmed sign-in (confirmed to finished), in the browser it bound. */
    @Transactional
    public Optional<ProviderLogin> finish(String domainId, String userSystem, String state, String browserBinding) {
        return move(domainId, userSystem, state, ProviderLogin.Status.CONFIRMED, ProviderLogin.Status.FINISHED, browserBinding);
    }

    /** Ends a trip that went wrong, so nothing can continue it. */
    @Transactional
    public void fail(String stateHash) {
        em.createQuery("update ProviderLogin p set p.status = :to, p.updatedAt = :now where p.stateHash = :hash "
                        + "and p.status <> :finished")
                .setParameter("to", ProviderLogin.Status.FAILED).setParameter("now", clock.instant())
                .setParameter("hash", stateHash).setParameter("finished", ProviderLogin.Status.FINISHED)
                .executeUpdate();
    }

    /** The trip as it is now (for the computer waiting on a scan), if it is this domain's and system's. */
    public Optional<ProviderLogin> find(String domainId, String userSystem, String state) {
        if (state == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(ProviderLogin.class, OpaqueSecrets.sha256Hex(state)))
                .filter(p -> p.getDomainId().equals(domainId) && p.getUserSystem().equals(userSystem));
    }

    private Optional<ProviderLogin> move(String domainId, String userSystem, String state, ProviderLogin.Status from,
                                         ProviderLogin.Status to, String browserBinding) {
        if (state == null || state.isEmpty() || state.length() > 128) {
            return Optional.empty();
        }
        String hash = OpaqueSecrets.sha256Hex(state);
        Instant now = clock.instant();
        var update = em.createQuery("update ProviderLogin p set p.status = :to, p.updatedAt = :now where p.stateHash = :hash "
                        + "and p.domainId = :domain and p.userSystem = :system and p.status = :from and p.expiresAt > :now"
                        + (browserBinding == null ? "" : " and p.browserBinding = :binding"))
                .setParameter("to", to).setParameter("now", now).setParameter("hash", hash)
                .setParameter("domain", domainId).setParameter("system", userSystem).setParameter("from", from);
        if (browserBinding != null) {
            update.setParameter("binding", browserBinding);
        }
        int moved = update.executeUpdate();
        if (moved != 1) {
            return Optional.empty();
        }
        ProviderLogin trip = em.find(ProviderLogin.class, hash);
        em.refresh(trip);
        return Optional.of(trip);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
