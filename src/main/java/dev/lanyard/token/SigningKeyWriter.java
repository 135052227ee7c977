package dev.lanyard.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.lanyard.domain.Domain;
import dev.lanyard.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/** Creates and rotates signing keys, each change in one transaction. Readers go through {@link SigningKeyService}. */
@ApplicationScoped
public class SigningKeyWriter {

    private static final Logger LOG = Logger.getLogger(SigningKeyWriter.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    TokenSettings settings;

    @Inject
    Clock clock;

    /**
     * Starts a rotation: a new key published now that signs after the publish-ahead period; the current key signs
     * until then and stays published until the longest-lived token it may sign has expired.
     */
    @Transactional
    public SigningKey rotate(String domainId) {
        Instant now = clock.instant();
        Instant takeover = now.plus(settings.publishAhead());
        for (SigningKey key : keysOf(domainId)) {
            if (key.signsAt(now)) {
                // the key signing now signs until the new one takes over (a second rotation moves that end later:
                // there is never a moment without a signing key)
                key.retire(takeover, takeover.plus(settings.maxAccessTokenLifetime()).plus(TokenSettings.SKEW));
            } else if (key.getSignsFrom().isAfter(now) && (key.getSignsUntil() == null || key.getSignsUntil().isAfter(key.getSignsFrom()))) {
                // a successor that has not signed yet is replaced by the new one
                key.retire(key.getSignsFrom(), now);
            }
        }
        SigningKey successor = newKey(domainId, now, takeover);
        em.persist(successor);
        LOG.info(() -> "Signing key " + successor.getKid() + " of domain " + domainId + " published; it signs from " + takeover);
        return successor;
    }

    /**
     * A key that signs from now, for a domain that has none signing (its first key), unless another node (or thread)
     * made one meanwhile: the domain's row is locked while checking, so nodes that start signing together agree.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void createFirstKey(String domainId) {
        em.find(Domain.class, domainId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (keysOf(domainId).stream().anyMatch(k -> k.signsAt(now))) {
            return;
        }
        SigningKey key = newKey(domainId, now, now);
        em.persist(key);
        LOG.info(() -> "Created signing key " + key.getKid() + " for domain " + domainId);
    }

    private List<SigningKey> keysOf(String domainId) {
        return em.createQuery("select k from SigningKey k where k.domainId = :d", SigningKey.class)
                .setParameter("d", domainId).getResultList();
    }

    private SigningKey newKey(String domainId, Instant now, Instant signsFrom) {
        Domain domain = em.find(Domain.class, domainId);
        String algorithm = domain == null ? "RS256" : domain.getTokenAlgorithm();
        String kid = OpaqueSecrets.newId();
        try {
            JWK jwk = "ES256".equals(algorithm)
                    ? new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate()
                    : new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            String sealed = cipher.encrypt(SigningKeyService.purpose(kid), jwk.toJSONString().getBytes(StandardCharsets.UTF_8));
            return new SigningKey(kid, domainId, jwk.getAlgorithm().getName(), jwk.toPublicJWK().toJSONString(), sealed, now, signsFrom);
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }
}
