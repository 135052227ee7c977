package dev.lanyard.usersystem.mobile;

import dev.lanyard.security.RateLimiter;
import dev.lanyard.security.SecretCipher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SMS codes: six digits from a CSPRNG, stored as HMAC-SHA256 over (challenge id, number, app, login transaction,
 * code) with a key derived from the master key, so a code proves nothing outside the challenge it was sent for and a
 * database dump reveals no code. Checked in constant time; single use; dead after too many wrong tries.
 */
@ApplicationScoped
public class SmsCodes {

    /** The outcome of one check. {@code lockedNow}: this wrong code was the last allowed one. */
    public record Check(boolean valid, boolean lockedNow, SmsChallenge challenge) {
    }

    /** A challenge and its code, which leaves this class only to be sent. */
    public record Issued(String challengeId, String code) {
        @Override
        public String toString() {
            return "Issued[" + challengeId + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    Clock clock;

    private SecretKeySpec hmacKey;

    @PostConstruct
    void deriveKey() {
        hmacKey = new SecretKeySpec(cipher.deriveKey("sms-code"), "HmacSHA256");
    }

    /**
     * Takes one send from every limit and records a new challenge, in one transaction: over any limit nothing is
     * counted or recorded ({@link RateLimiter.RateLimitExceeded}).
     */
    @Transactional
    public Issued issue(String domainId, String appId, PhoneNumbers.Phone phone, String purpose, String transaction,
                        MobileSettings settings, List<RateLimiter.Limit> limits) {
        rateLimiter.consume(domainId, limits);
        Instant now = clock.instant();
        String challengeId = HexFormat.of().formatHex(randomBytes(16));
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        em.persist(new SmsChallenge(challengeId, domainId, appId, phone.e164(), purpose,
                hmac(challengeId, phone.e164(), appId, transaction, code), now, now.plus(settings.codeLifetime())));
        return new Issued(challengeId, code);
    }

    /** The code could not be delivered: it must never work. */
    @Transactional
    public void kill(String domainId, String challengeId) {
        find(domainId, challengeId, LockModeType.PESSIMISTIC_WRITE).ifPresent(SmsChallenge::kill);
    }

    /**
     * Checks a code against its challenge with the row locked, so parallel tries are counted one by one and a code is
     * used at most once. A code for another number, app or transaction counts as a wrong code.
     */
    @Transactional
    public Check check(String domainId, String challengeId, PhoneNumbers.Phone phone, String appId, String transaction,
                       String code, int maxAttempts) {
        SmsChallenge challenge = find(domainId, challengeId, LockModeType.PESSIMISTIC_WRITE).orElse(null);
        String presented = hmac(challengeId, phone.e164(), appId, transaction, code);
        if (challenge == null) {
            return new Check(false, false, null);
        }
        if (!challenge.isOpen(clock.instant())) {
            return new Check(false, false, challenge);
        }
        boolean matches = MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
                challenge.getCodeHmac().getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            return new Check(false, challenge.recordWrongCode(maxAttempts), challenge);
        }
        challenge.markUsed();
        return new Check(true, false, challenge);
    }

    private java.util.Optional<SmsChallenge> find(String domainId, String challengeId, LockModeType lock) {
        return em.createQuery("select c from SmsChallenge c where c.challengeId = :c and c.domainId = :d", SmsChallenge.class)
                .setParameter("c", challengeId).setParameter("d", domainId).setLockMode(lock)
                .getResultStream().findFirst();
    }

    String hmac(String challengeId, String phone, String appId, String transaction, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hmacKey);
            String bound = String.join("\u0000", challengeId, phone, appId == null ? "" : appId,
                    transaction == null ? "" : transaction, code);
            return HexFormat.of().formatHex(mac.doFinal(bound.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
