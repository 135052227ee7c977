package dev.lanyard.security;

import dev.lanyard.config.LoginFailurePolicy;
import dev.lanyard.config.LoginSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Locale;

/**
 * Counts failed sign-ins per account name in the database (so a lockout holds across restarts and nodes) and
 * answers whether an account is locked. Each change runs in its own transaction with a row lock.
 */
@ApplicationScoped
public class LoginThrottle {

    @PersistenceContext
    EntityManager em;

    @Inject
    LoginSettings settings;

    @Inject
    Clock clock;

    public static String accountKey(String accountName) {
        String key = accountName == null ? "" : accountName.trim().toLowerCase(Locale.ROOT);
        return key.length() > 320 ? key.substring(0, 320) : key;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean isLocked(String domainId, String accountName) {
        LoginFailure row = em.find(LoginFailure.class, new LoginFailure.Key(domainId, accountKey(accountName)));
        return row != null && LoginFailurePolicy.isLocked(row.state(), clock.instant());
    }

    /**
     * Counts one failure. Two first failures of an account at the same moment both try to insert its row; the loser's
     * transaction fails on the primary key and is retried once, when the row exists and is locked and updated.
     */
    public void recordFailure(String domainId, String accountName) {
        try {
            self.recordFailureOnce(domainId, accountName);
        } catch (RuntimeException concurrentFirstFailure) {
            self.recordFailureOnce(domainId, accountName);
        }
    }

    @Inject
    LoginThrottle self;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailureOnce(String domainId, String accountName) {
        String key = accountKey(accountName);
        LoginFailure row = em.find(LoginFailure.class, new LoginFailure.Key(domainId, key), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new LoginFailure(domainId, key);
            row.apply(settings.failurePolicy().afterFailure(null, clock.instant()));
            em.persist(row);
        } else {
            row.apply(settings.failurePolicy().afterFailure(row.state(), clock.instant()));
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordSuccess(String domainId, String accountName) {
        LoginFailure row = em.find(LoginFailure.class, new LoginFailure.Key(domainId, accountKey(accountName)));
        if (row != null) {
            em.remove(row);
        }
    }
}
