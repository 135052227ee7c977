package dev.lanyard.accesskey;

import dev.lanyard.security.SecretCipher;
import dev.lanyard.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The AccessKey pairs as request verification needs them: read (and the secret opened) at most every
 * {@code lanyard.access-keys.cache-seconds} per node, so a signed call costs no key query; a key disabled or deleted
 * stops working within that time on every node. Last use is written at most once a minute per key.
 */
@ApplicationScoped
public class AccessKeys {

    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "lanyard.access-keys.cache-seconds", defaultValue = "5")
    long cacheSeconds;

    /** This bean through its proxy: the write of last use needs its own transaction. */
    @Inject
    AccessKeys self;

    /** A usable key: enabled, with its secret opened (in memory only). */
    public record Usable(String accessKeyId, String domainId, Role role, String description, String secret) {
        @Override
        public String toString() {
            return "AccessKey[" + accessKeyId + "]"; // never the secret
        }
    }

    private record Cached(Optional<Usable> key, Instant readAt) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Ids that named no key, kept apart (and bounded) so that made-up ids cannot crowd out real keys. */
    private final Map<String, Instant> misses = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRecorded = new ConcurrentHashMap<>();

    /** The enabled key with this id, or empty for an unknown or disabled one. */
    public Optional<Usable> usable(String accessKeyId) {
        Instant now = clock.instant();
        Cached cached = cache.get(accessKeyId);
        if (cached != null && cached.readAt().plusSeconds(cacheSeconds).isAfter(now)) {
            return cached.key();
        }
        // an unknown id is remembered like a known one, so that telling them apart by timing shows nothing
        Instant missed = misses.get(accessKeyId);
        if (missed != null && missed.plusSeconds(cacheSeconds).isAfter(now)) {
            return Optional.empty();
        }
        AccessKey key = em.find(AccessKey.class, accessKeyId);
        Optional<Usable> usable = key == null || !key.isEnabled() ? Optional.empty() : Optional.of(new Usable(accessKeyId,
                key.getDomainId(), key.getRole(), key.getDescription(),
                new String(cipher.decrypt(AccessKey.purpose(accessKeyId), key.getSecretEncrypted()), StandardCharsets.UTF_8)));
        if (key == null) {
            if (misses.size() > 10_000) {
                misses.clear();
            }
            misses.put(accessKeyId, now);
            return usable;
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(accessKeyId, new Cached(usable, now));
        return usable;
    }

    /** Forgets what this node read of the key (after it was changed or deleted). */
    public void forget(String accessKeyId) {
        cache.remove(accessKeyId);
        misses.remove(accessKeyId);
    }

    /** Notes that the key signed an accepted request (written at most once a minute per key and node). */
    public void used(String accessKeyId) {
        Instant now = clock.instant();
        Instant last = lastRecorded.get(accessKeyId);
        if (last == null || last.plus(USE_RECORDED_EVERY).isBefore(now)) {
            lastRecorded.put(accessKeyId, now);
            self.recordUse(accessKeyId, now);
        }
    }

    /** Public for the interceptor: called through {@link #self}, so that it runs in a transaction. */
    @Transactional
    public void recordUse(String accessKeyId, Instant now) {
        em.createQuery("update AccessKey k set k.lastUsedAt = :now where k.accessKeyId = :id")
                .setParameter("now", now).setParameter("id", accessKeyId).executeUpdate();
    }
}
