package dev.lanyard.usersystem.federation;

import dev.lanyard.security.RateLimiter;
import dev.lanyard.token.OpaqueSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The trips to providers, in the database so that any node can take the callback and a restart loses none. Each step
 * is one conditional update from the status it expects: two callbacks with one state, or two confirmations of one
 * scan, cannot both go through. A trip is kept {@link #KEEP_EXPIRED} past its expiry (a computer still polling
 * its scan learns it failed) before the purge job deletes it.
 */
@ApplicationScoped
public class ProviderLogins {

    public static final Duration KEEP_EXPIRED = Duration.ofHours(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RateLimiter rateLimiter;

    /** A trip just begun: the state to send (in plain text only here and in the provider's URL) and the trip's secret. */
    public record Started(String state, String tripSecret) {
    }

    /**
     * Records a new trip, within the per-address limit of the user system (a {@link RateLimiter.RateLimitExceeded}
     * when it is used up: nothing is recorded or counted then).
     */
    @Transactional
    public Started begin(String domainId, String userSystem, ProviderLogin.Purpose purpose, String browserBinding,
                         String nextPath, String linkUserId, String matchCode, String clientIp, Duration lifetime,
                         int startsPerIpPerHour) {
        rateLimiter.consume(domainId, List.of(new RateLimiter.Limit("federation:" + userSystem + ":ip-hour:" + clientIp,
                startsPerIpPerHour, Duration.ofHours(1))));
        String state = OpaqueSecrets.newSecret();
        String tripSecret = OpaqueSecrets.newSecret();
        Instant now = clock.instant();
        em.persist(new ProviderLogin(OpaqueSecrets.sha256Hex(state), domainId, userSystem, purpose, browserBinding, tripSecret,
                nextPath, linkUserId, matchCode, clip(clientIp, 64), now, now.plus(lifetime)));
        return new Started(state, tripSecret);
    }

    /** The trip of a callback's state, claimed by this callback (started to used) if it is unused and unexpired. */
    @Transactional
    public Optional<ProviderLogin> claim(String domainId, String userSystem, String state) {
        return move(domainId, userSystem, state, ProviderLogin.Status.STARTED, ProviderLogin.Status.USED, "", null);
    }

    /**
     * Scan: the phone's callback proved this identity (and, when it has one, this user); the phone must still confirm
     * with the token. False when the trip is no longer where it was (it expired, or failed meanwhile).
     */
    @Transactional
    public boolean identified(String stateHash, String userId, String identityJson, String confirmToken) {
        return em.createQuery("update ProviderLogin p set p.status = :to, p.resultUserId = :user, p.resultIdentity = :identity, "
                        + "p.confirmHash = :confirm, p.updatedAt = :now where p.stateHash = :hash and p.status = :from "
                        + "and p.expiresAt > :now")
                .setParameter("to", ProviderLogin.Status.IDENTIFIED).setParameter("user", userId)
                .setParameter("identity", identityJson).setParameter("confirm", OpaqueSecrets.sha256Hex(confirmToken))
                .setParameter("now", clock.instant()).setParameter("hash", stateHash)
                .setParameter("from", ProviderLogin.Status.USED)
                .executeUpdate() == 1;
    }

    /**
     * The phone confirms (identified to confirmed) with its token and the number it picked. A wrong number ends the
     * trip: one try, so guessing is no better than one in three.
     */
    @Transactional
    public Optional<ProviderLogin> confirm(String domainId, String userSystem, String state, String confirmToken, String pickedNumber) {
        if (confirmToken == null || pickedNumber == null) {
            return Optional.empty();
        }
        String token = OpaqueSecrets.sha256Hex(confirmToken);
        Optional<ProviderLogin> confirmed = move(domainId, userSystem, state, ProviderLogin.Status.IDENTIFIED,
                ProviderLogin.Status.CONFIRMED, " and p.confirmHash = :confirm and p.matchCode = :match",
                q -> q.setParameter("confirm", token).setParameter("match", pickedNumber));
        if (confirmed.isEmpty()) {
            move(domainId, userSystem, state, ProviderLogin.Status.IDENTIFIED, ProviderLogin.Status.FAILED,
                    " and p.confirmHash = :confirm", q -> q.setParameter("confirm", token));
        }
        return confirmed;
    }

    /** The phone says no: the trip ends (identified to failed), if the token is the one the phone was given. */
    @Transactional
    public boolean cancel(String domainId, String userSystem, String state, String confirmToken) {
        if (confirmToken == null) {
            return false;
        }
        String token = OpaqueSecrets.sha256Hex(confirmToken);
        return move(domainId, userSystem, state, ProviderLogin.Status.IDENTIFIED, ProviderLogin.Status.FAILED,
                " and p.confirmHash = :confirm", q -> q.setParameter("confirm", token)).isPresent();
    }

    /** Scan: the user a confirmed identity signs in as, once it was found or created. */
    @Transactional
    public void attachUser(String stateHash, String userId) {
        em.createQuery("update ProviderLogin p set p.resultUserId = :user, p.updatedAt = :now where p.stateHash = :hash "
                        + "and p.status = :confirmed")
                .setParameter("user", userId).setParameter("now", clock.instant()).setParameter("hash", stateHash)
                .setParameter("confirmed", ProviderLogin.Status.CONFIRMED).executeUpdate();
    }

    /** The computer that showed the code takes the confirmed sign-in (confirmed to finished), in the browser it bound. */
    @Transactional
    public Optional<ProviderLogin> finish(String domainId, String userSystem, String state, String browserBinding) {
        return move(domainId, userSystem, state, ProviderLogin.Status.CONFIRMED, ProviderLogin.Status.FINISHED,
                " and p.browserBinding = :binding and p.resultUserId is not null", q -> q.setParameter("binding", browserBinding));
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

    /** Keeps what the computer shows for a phone-scan trip (sealed by the caller). */
    @Transactional
    public void rememberScan(String state, String scanSealed) {
        em.createQuery("update ProviderLogin p set p.scanSealed = :sealed where p.stateHash = :hash")
                .setParameter("sealed", scanSealed).setParameter("hash", OpaqueSecrets.sha256Hex(state)).executeUpdate();
    }

    /** The newest phone-scan trip this browser started for the user system, whatever its status. */
    public Optional<ProviderLogin> newestScan(String domainId, String userSystem, String browserBinding) {
        return em.createQuery("select p from ProviderLogin p where p.browserBinding = :binding and p.domainId = :domain"
                        + " and p.userSystem = :system and p.scanSealed is not null order by p.createdAt desc", ProviderLogin.class)
                .setParameter("binding", browserBinding).setParameter("domain", domainId).setParameter("system", userSystem)
                .setMaxResults(1).getResultStream().findFirst();
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
                                         ProviderLogin.Status to, String condition, java.util.function.Consumer<Query> parameters) {
        if (state == null || state.isEmpty() || state.length() > 128) {
            return Optional.empty();
        }
        String hash = OpaqueSecrets.sha256Hex(state);
        Query update = em.createQuery("update ProviderLogin p set p.status = :to, p.updatedAt = :now where p.stateHash = :hash "
                        + "and p.domainId = :domain and p.userSystem = :system and p.status = :from and p.expiresAt > :now" + condition)
                .setParameter("to", to).setParameter("now", clock.instant()).setParameter("hash", hash)
                .setParameter("domain", domainId).setParameter("system", userSystem).setParameter("from", from);
        if (parameters != null) {
            parameters.accept(update);
        }
        if (update.executeUpdate() != 1) {
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
