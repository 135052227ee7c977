package dev.lanyard.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The folder for the embedded database and the generated master key: {@code LANYARD_DATA_DIR}, default {@code ./data}. */
public final class DataDirectory {

    public static final String SETTING = "LANYARD_DATA_DIR";

    private DataDirectory() {
    }

    public static Path resolve() {
        return resolve(System.getenv(), System.getProperties());
    }

    static Path resolve(Map<String, String> env, Properties sys) {
        return Path.of(DatabaseSettings.setting(env, sys, SETTING).orElse("data")).toAbsolutePath().normalize();
    }
}
