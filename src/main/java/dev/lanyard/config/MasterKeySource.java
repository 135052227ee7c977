package dev.lanyard.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The 256-bit master key that encrypts stored secrets, base64-encoded, from (first match wins):
 * {@code LANYARD_MASTER_KEY}, the file named by {@code LANYARD_MASTER_KEY_FILE}, or {@code <data dir>/master.key},
 * which is generated (mode 600) on first start of the embedded set-up.
 */
public final class MasterKeySource {

    public static final String KEY_SETTING = "LANYARD_MASTER_KEY";
    public static final String FILE_SETTING = "LANYARD_MASTER_KEY_FILE";

    private MasterKeySource() {
    }

    public static byte[] load() {
        return load(System.getenv(), System.getProperties(), DataDirectory.resolve());
    }

    static byte[] load(Map<String, String> env, Properties sys, Path dataDir) {
        var inline = DatabaseSettings.setting(env, sys, KEY_SETTING);
        if (inline.isPresent()) {
            return decode(inline.get(), KEY_SETTING);
        }
        var file = DatabaseSettings.setting(env, sys, FILE_SETTING);
        if (file.isPresent()) {
            return decode(read(Path.of(file.get())), FILE_SETTING);
        }
        return decode(readOrCreate(dataDir.resolve("master.key")), "the generated " + dataDir.resolve("master.key"));
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(source + " must hold 32 bytes (base64 of 256 random bits), it holds " + key.length);
        }
        return key;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + path, e);
        }
    }

    private static synchronized String readOrCreate(Path path) {
        if (Files.exists(path)) {
            return read(path);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        try {
            Files.createDirectories(path.getParent());
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(path);
            }
            Files.writeString(path, encoded, StandardOpenOption.TRUNCATE_EXISTING);
            return encoded;
        } catch (FileAlreadyExistsException anotherNodeWon) {
            return read(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the master key file " + path, e);
        }
    }
}
