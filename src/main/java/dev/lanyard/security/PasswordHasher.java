package dev.lanyard.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow salted password hashes: PBKDF2-HMAC-SHA256 with a per-password salt, stored as
 * {@code pbkdf2-sha256$iterations$salt$hash}. The iteration count is kept in each hash, so raising the setting
 * strengthens new hashes without breaking old ones.
 */
public final class PasswordHasher {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Longer inputs are refused before hashing: PBKDF2 cost grows with nothing but the iteration count, but a cap keeps requests small. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final Bulkhead hashing;
    private final String dummyHash;

    /** A hasher without a bound on concurrent hashing (tools and tests). */
    public PasswordHasher(int iterations) {
        this(iterations, null);
    }

    /**
     * A hasher whose every hash runs within {@code hashing} (a bounded pool with a bounded queue): under a flood of
     * sign-ins the excess gets {@link Bulkhead.Full} at once instead of every sign-in slowing down.
     */
    public PasswordHasher(int iterations, Bulkhead hashing) {
        if (iterations < 1_000) {
            throw new IllegalArgumentException("PBKDF2 iterations must be at least 1000");
        }
        this.iterations = iterations;
        this.hashing = hashing;
        this.dummyHash = hash("lanyard-dummy-password".toCharArray());
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] derived = gated(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derived);
    }

    /** Constant-time check of a password against a stored hash; false for a malformed hash. */
    public boolean verify(char[] password, String storedHash) {
        if (storedHash == null || password.length > MAX_PASSWORD_LENGTH) {
            return false;
        }
        String[] parts = storedHash.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int storedIterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, gated(password, salt, storedIterations));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /**
     * Whether a stored hash was made with another iteration count than new hashes get: it is replaced at the next
     * successful sign-in, so every hash converges on the setting (and on the time an unknown account's dummy check
     * takes, which uses the setting too).
     */
    public boolean needsRehash(String storedHash) {
        String[] parts = storedHash == null ? new String[0] : storedHash.split("\\$");
        return parts.length != 4 || !PREFIX.equals(parts[0]) || !Integer.toString(iterations).equals(parts[1]);
    }

    /** Spends the same time as a real check, so an unknown account cannot be told from a wrong password by timing. */
    public void verifyAgainstDummy(char[] password) {
        verify(password.length > MAX_PASSWORD_LENGTH ? new char[0] : password, dummyHash);
    }

    private byte[] gated(char[] password, byte[] salt, int iterations) {
        return hashing == null ? derive(password, salt, iterations) : hashing.call(() -> derive(password, salt, iterations));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
