package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.ResponseLog;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test (its own failsafe execution, see pom.xml) and reads what they left: every
 * server log under target/it and every error response the tests received. None may hold a secret the tests used
 * (every {@code static final String} named like a password or secret in the test classes), an SMS code the tests read
 * on the outbox page, a private key, a signed JWT (tokens, assertions) or, in a response, a stack trace.
 */
class SecuritySweepIT {

    private static final Path WORK = Path.of(System.getProperty("lanyard.it.workDir", "target/it"));
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{20,}");
    private static final Pattern STACK_TRACE = Pattern.compile("\\tat [a-zA-Z_$][\\w$.]*\\(|\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\([\\w$]+\\.java:\\d+\\)"
            + "|(?m)^[a-z][\\w.]*(Exception|Error): ");

    private static List<Path> serverLogs;
    private static String errorResponses;
    private static Set<String> secrets;

    @BeforeAll
    static void readWhatTheSuiteLeft() throws Exception {
        try (Stream<Path> files = Files.walk(WORK)) {
            serverLogs = files.filter(p -> p.getFileName().toString().matches("server-\\d+\\.log")).toList();
        }
        Path responses = ResponseLog.errorResponses();
        errorResponses = Files.exists(responses) ? Files.readString(responses, StandardCharsets.UTF_8) : "";
        secrets = secretsOfTheTests();
    }

    @Test
    void theSuiteLeftLogsAndErrorResponsesToRead() {
        assertThat(serverLogs).as("server logs under " + WORK).isNotEmpty();
        assertThat(secrets).as("the secrets the tests use").hasSizeGreaterThan(20).contains("it-admin-password-1");
    }

    @Test
    void noServerLogHoldsASecretACodeAPrivateKeyOrAToken() throws IOException {
        List<String> codes = smsCodesTheTestsRead();
        List<String> findings = new ArrayList<>();
        for (Path log : serverLogs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    findings.add(log + ": the secret " + mask(secret));
                }
            }
            for (String code : codes) {
                if (Pattern.compile("(?<![\\w.:=-])" + code + "(?![\\w.:-])").matcher(text).find()) {
                    findings.add(log + ": the SMS code " + mask(code));
                }
            }
            if (text.contains("PRIVATE KEY-----")) {
                findings.add(log + ": a private key");
            }
            if (JWT.matcher(text).find()) {
                findings.add(log + ": a signed JWT (a token or an assertion)");
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void noErrorResponseHoldsASecretAPrivateKeyATokenOrAStackTrace() {
        assertThat(errorResponses).as("the tests made error responses to read").isNotEmpty();
        List<String> findings = new ArrayList<>();
        for (String response : errorResponses.split("(?m)^=== ")) {
            String head = response.lines().findFirst().orElse("");
            for (String secret : secrets) {
                if (response.contains(secret)) {
                    findings.add(head + ": the secret " + mask(secret));
                }
            }
            if (response.contains("PRIVATE KEY-----")) {
                findings.add(head + ": a private key");
            }
            if (JWT.matcher(response).find()) {
                findings.add(head + ": a signed JWT");
            }
            if (STACK_TRACE.matcher(response).find()) {
                findings.add(head + ": a stack trace");
            }
        }
        assertThat(findings).isEmpty();
    }

    /** Every constant of the test classes whose name says it is a password or a secret (8 characters or more). */
    private static Set<String> secretsOfTheTests() throws Exception {
        Path classes = Path.of(SecuritySweepIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> found = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, SecuritySweepIT.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError notLoadable) {
                    continue;
                }
                for (Field field : type.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class
                            && field.getName().matches("(?i).*(PASSWORD|SECRET).*")) {
                        field.setAccessible(true);
                        if (field.get(null) instanceof String value && value.length() >= 8) {
                            found.add(value);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static List<String> smsCodesTheTestsRead() throws IOException {
        Path file = ResponseLog.smsCodes();
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> l.matches("\\d{6}")).distinct().toList() : List.of();
    }

    private static String mask(String secret) {
        return secret.substring(0, 3) + "…(" + secret.length() + " characters)";
    }
}
