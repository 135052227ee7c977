package dev.lanyard.it.support;

import java.security.KeyPairGenerator;
import java.util.Base64;

/** Key material for tests, made fresh each time (no key is ever committed). */
public final class TestKeys {

    private TestKeys() {
    }

    /** A new key pair: "RSA" (2048 bits) or "EC" (P-256). */
    public static java.security.KeyPair pair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public key as PEM (SubjectPublicKeyInfo), as an administrator uploads it. */
    public static String pem(java.security.PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
    }

    /** A new RSA 2048 public key as PEM (SubjectPublicKeyInfo). */
    public static String rsaPublicKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPublic().getEncoded());
            return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
