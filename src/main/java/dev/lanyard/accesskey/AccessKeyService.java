package dev.lanyard.accesskey;

import dev.lanyard.security.SecretCipher;
import dev.lanyard.token.OpaqueSecrets;
import dev.lanyard.user.Role;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Administration of a domain's AccessKey pairs: create (the secret is generated here, returned once and stored
 * encrypted, because verifying a signature needs it back), change role, description or status, delete. Each change is
 * one transaction; this node's verification cache forgets the key when it commits, other nodes within
 * {@code lanyard.access-keys.cache-seconds}.
 */
@ApplicationScoped
public class AccessKeyService {

    /** Longest description a key may carry (the column is varchar(500)). */
    public static final int MAX_DESCRIPTION = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    AccessKeys verificationCache;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Keys are long-lived server credentials: a domain has at most this many, so a list is always short. */
    @Inject
    @ConfigProperty(name = "lanyard.access-keys.max-per-domain", defaultValue = "50")
    int maxPerDomain;

    public int maxPerDomain() {
        return maxPerDomain;
    }

    /** A new key and its secret, which exists in plaintext only in this answer. */
    public record Created(AccessKey key, String secret) {
        @Override
        public String toString() {
            return "Created[" + key.getAccessKeyId() + "]"; // never the secret
        }
    }

    /** Thrown when the domain already holds {@code lanyard.access-keys.max-per-domain} keys. */
    public static final class TooManyKeys extends RuntimeException {
        public TooManyKeys(int max) {
            super("a domain has at most " + max + " AccessKey pairs; delete one first");
        }
    }

    @Transactional
    public Created create(String domainId, Role role, String description) {
        // the domain row lock makes the count and the insert one step when two administrators create at once
        em.createQuery("select d from Domain d where d.domainId = :d").setParameter("d", domainId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        long existing = em.createQuery("select count(k) from AccessKey k where k.domainId = :d", Long.class)
                .setParameter("d", domainId).getSingleResult();
        if (existing >= maxPerDomain) {
            throw new TooManyKeys(maxPerDomain);
        }
        String accessKeyId = "LK" + OpaqueSecrets.newId().substring(0, 22).toUpperCase(Locale.ROOT);
        String secret = OpaqueSecrets.newSecret();
        AccessKey key = new AccessKey(accessKeyId, domainId, seal(accessKeyId, secret), role, description, clock.instant());
        em.persist(key);
        return new Created(key, secret);
    }

    /** The secret of {@code accessKeyId} sealed for storage (bound to the key id: it cannot be moved to another key). */
    public String seal(String accessKeyId, String secret) {
        return cipher.encrypt(AccessKey.purpose(accessKeyId), secret.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<AccessKey> find(String domainId, String accessKeyId) {
        return Optional.ofNullable(em.find(AccessKey.class, accessKeyId)).filter(k -> k.getDomainId().equals(domainId));
    }

    /** Up to {@code max} keys of the domain after {@code afterId} (null: from the start), ordered by id. */
    public List<AccessKey> pageAfter(String domainId, String afterId, int max) {
        return em.createQuery("select k from AccessKey k where k.domainId = :d and k.accessKeyId > :after order by k.accessKeyId",
                        AccessKey.class)
                .setParameter("d", domainId).setParameter("after", afterId == null ? "" : afterId)
                .setMaxResults(max).getResultList();
    }

    /** Changes a key in one transaction ({@code change} may throw to refuse). */
    @Transactional
    public Optional<AccessKey> change(String domainId, String accessKeyId, Consumer<AccessKey> change) {
        Optional<AccessKey> key = find(domainId, accessKeyId);
        key.ifPresent(change);
        key.ifPresent(k -> forgetAfterCompletion(k.getAccessKeyId()));
        return key;
    }

    @Transactional
    public boolean delete(String domainId, String accessKeyId) {
        Optional<AccessKey> key = find(domainId, accessKeyId);
        key.ifPresent(em::remove);
        key.ifPresent(k -> forgetAfterCompletion(k.getAccessKeyId()));
        return key.isPresent();
    }

    /**
     * Drops the key from this node's verification cache when the transaction ends: dropped before, a request signed
     * at the same moment could cache the old row again, and a disabled key would go on working for the cache time.
     */
    private void forgetAfterCompletion(String accessKeyId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                verificationCache.forget(accessKeyId);
            }
        });
    }
}
