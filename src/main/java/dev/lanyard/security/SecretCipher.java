package dev.lanyard.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets that Lanyard must read back (signing keys, AccessKey secrets, provider credentials) with the
 * master key: AES-256-GCM, a random 96-bit nonce per value, stored as {@code v1:base64(nonce || ciphertext+tag)}.
 * The purpose string is bound as associated data, so a value cannot be moved to another column and decrypted there.
 */
public final class SecretCipher {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final byte[] masterKey;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (256 bits)");
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.masterKey = masterKey.clone();
    }

    /**
     * A 256-bit key for one purpose (e.g. the HMAC of SMS codes), derived from the master key with HMAC-SHA256 so
     * that no two uses share a key and the master key itself never leaves this class.
     */
    public byte[] deriveKey(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
            return mac.doFinal(("lanyard-derived-key:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public String encrypt(String purpose, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Throws {@link IllegalArgumentException} when the value was not sealed by this key for this purpose. */
    public byte[] decrypt(String purpose, String sealedValue) {
        if (sealedValue == null || !sealedValue.startsWith(VERSION)) {
            throw new IllegalArgumentException("not an encrypted value");
        }
        byte[] in = Base64.getDecoder().decode(sealedValue.substring(VERSION.length()));
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("encrypted value too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException wrongKeyOrTampered) {
            throw new IllegalArgumentException("encrypted value does not open with this master key and purpose");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }
}
