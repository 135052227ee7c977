package dev.lanyard.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references so an import file can live in git: {@code ${env:NAME}} reads an environment variable,
 * {@code ${file:/path}} a file (trailing newline dropped). Anything else is taken literally.
 */
public final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private final Function<String, String> environment;

    public SecretReferences(Function<String, String> environment) {
        this.environment = environment;
    }

    public static SecretReferences fromProcess() {
        Map<String, String> env = System.getenv();
        return new SecretReferences(env::get);
    }

    /** The resolved value, or empty (with the reason) when the reference cannot be resolved. */
    public Resolution resolve(String value) {
        Matcher m = REFERENCE.matcher(value);
        if (!m.matches()) {
            return new Resolution(Optional.of(value), null);
        }
        String name = m.group(2).trim();
        if (m.group(1).equals("env")) {
            String env = environment.apply(name);
            return env == null || env.isEmpty()
                    ? new Resolution(Optional.empty(), "environment variable " + name + " is not set")
                    : new Resolution(Optional.of(env), null);
        }
        try {
            return new Resolution(Optional.of(Files.readString(Path.of(name)).replaceAll("\\r?\\n$", "")), null);
        } catch (IOException e) {
            return new Resolution(Optional.empty(), "file " + name + " cannot be read");
        }
    }

    public record Resolution(Optional<String> value, String problem) {
    }
}
