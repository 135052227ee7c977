package dev.lanyard.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.lanyard.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signing keys of each domain: created on first need, rotated on schedule ({@code lanyard.keys.rotation-days})
 * or on demand, shared by all nodes through the database. A node keeps what it read for {@code lanyard.keys.cache-seconds};
 * a new key is published {@code lanyard.keys.publish-ahead-seconds} before it signs, which must exceed that cache.
 */
@ApplicationScoped
public class SigningKeyService {

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    SigningKeyWriter writer;

    @Inject
    TokenSettings settings;

    @Inject
    Clock clock;

    private final Map<String, DomainKeys> cache = new ConcurrentHashMap<>();

    /** How soon a node reads a domain's keys again when a token names a kid it does not know. */
    static final long UNKNOWN_KID_REREAD_MILLIS = 1000;

    /** A key ready to sign: its id, algorithm and signer. */
    public record ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
    }

    /**
     * The keys of a domain as read at one moment, their public halves parsed once (every bearer check and JWKS
     * request uses them), and the signers built from them so far.
     */
    record DomainKeys(Instant readAt, List<SigningKey> keys, Map<String, JWK> publicKeys, Map<String, ActiveKey> signers,
                      java.util.concurrent.atomic.AtomicReference<String> jwksJson) {
    }

    /** The key that signs now, creating the domain's first key or rotating an old one when due. */
    public ActiveKey activeKey(String domainId) {
        Instant now = clock.instant();
        DomainKeys keys = keysOf(domainId, now);
        Optional<SigningKey> signing = keys.keys().stream().filter(k -> k.signsAt(now))
                .max(Comparator.comparing(SigningKey::getSignsFrom));
        boolean successorPending = keys.keys().stream().anyMatch(k -> k.getSignsFrom().isAfter(now) && k.publishedAt(now));
        if (signing.isEmpty()) {
            writer.createFirstKey(domainId); // or another node's, made meanwhile
            cache.remove(domainId);
            Instant after = clock.instant(); // the new key signs from its own creation, a moment after now
            DomainKeys fresh = keysOf(domainId, after);
            SigningKey created = fresh.keys().stream().filter(k -> k.signsAt(after)).max(Comparator.comparing(SigningKey::getSignsFrom))
                    .orElseThrow(() -> new IllegalStateException("domain " + domainId + " has no key that signs now"));
            return fresh.signers().computeIfAbsent(created.getKid(), kid -> signerFor(created));
        }
        if (!successorPending && signing.get().getCreatedAt().plus(settings.rotationPeriod()).isBefore(now)) {
            rotate(domainId);
        }
        SigningKey key = signing.get();
        return keys.signers().computeIfAbsent(key.getKid(), kid -> signerFor(key));
    }

    /** Every key a verifier may meet: the signing one, a successor published ahead, retired ones until their tokens expire. */
    public JWKSet publishedKeys(String domainId) {
        activeKey(domainId);
        Instant now = clock.instant();
        DomainKeys keys = keysOf(domainId, now);
        List<JWK> jwks = keys.keys().stream().filter(k -> k.publishedAt(now))
                .sorted(Comparator.comparing(SigningKey::getSignsFrom).reversed())
                .map(k -> keys.publicKeys().get(k.getKid())).toList();
        return new JWKSet(jwks);
    }

    /**
     * The JWKS document of the domain, serialized once per read of its keys (every resource server asks for it, and
     * it changes only when the keys do).
     */
    public String publishedKeysJson(String domainId) {
        activeKey(domainId);
        DomainKeys keys = keysOf(domainId, clock.instant());
        String json = keys.jwksJson().get();
        if (json == null) {
            json = publishedKeys(domainId).toString(true);
            keys.jwksJson().compareAndSet(null, json);
        }
        return json;
    }

    /**
     * The public key with this kid if the domain publishes it now. A kid this node has not seen may be a key another
     * node just made (a new domain's first key): the keys are read again, at most once per
     * {@value #UNKNOWN_KID_REREAD_MILLIS} ms per domain, so made-up kids cannot make every request read the database.
     */
    public Optional<JWK> publishedKey(String domainId, String kid) {
        Instant now = clock.instant();
        Optional<JWK> found = published(keysOf(domainId, now), kid, now);
        DomainKeys cached = cache.get(domainId);
        if (found.isEmpty() && cached != null && cached.readAt().plusMillis(UNKNOWN_KID_REREAD_MILLIS).isBefore(now)) {
            cache.remove(domainId);
            found = published(keysOf(domainId, now), kid, now);
        }
        return found;
    }

    private static Optional<JWK> published(DomainKeys keys, String kid, Instant now) {
        return keys.keys().stream().filter(k -> k.getKid().equals(kid) && k.publishedAt(now)).findFirst()
                .map(k -> keys.publicKeys().get(k.getKid()));
    }

    /** All keys of the domain, newest first, for the admin console. */
    public List<SigningKey> list(String domainId) {
        return em.createQuery("select k from SigningKey k where k.domainId = :d order by k.signsFrom desc", SigningKey.class)
                .setParameter("d", domainId).getResultList();
    }

    /** Starts a rotation now (see {@link SigningKeyWriter#rotate}): the admin console's "rotate now". */
    public SigningKey rotate(String domainId) {
        SigningKey successor = writer.rotate(domainId);
        cache.remove(domainId);
        return successor;
    }

    private DomainKeys keysOf(String domainId, Instant now) {
        DomainKeys cached = cache.get(domainId);
        if (cached != null && cached.readAt().plus(settings.keyCache()).isAfter(now)) {
            return cached;
        }
        List<SigningKey> keys = list(domainId);
        Map<String, JWK> publicKeys = new java.util.HashMap<>();
        keys.forEach(k -> publicKeys.put(k.getKid(), publicJwk(k)));
        DomainKeys fresh = new DomainKeys(now, keys, Map.copyOf(publicKeys), new ConcurrentHashMap<>(),
                new java.util.concurrent.atomic.AtomicReference<>());
        cache.put(domainId, fresh);
        return fresh;
    }

    private ActiveKey signerFor(SigningKey key) {
        try {
            JWK jwk = JWK.parse(new String(cipher.decrypt(purpose(key.getKid()), key.getEncryptedPrivateJwk()), StandardCharsets.UTF_8));
            JWSSigner signer = jwk instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) jwk);
            return new ActiveKey(key.getKid(), JWSAlgorithm.parse(key.getAlgorithm()), signer);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("signing key " + key.getKid() + " cannot be loaded", e);
        }
    }

    private static JWK publicJwk(SigningKey key) {
        try {
            return JWK.parse(key.getPublicJwk());
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + key.getKid() + " has a malformed public JWK", e);
        }
    }

    static String purpose(String kid) {
        return "signing-key:" + kid;
    }
}
