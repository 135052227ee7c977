package dev.lanyard.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the security sweep reads after the suite ({@code SecuritySweepIT}): every error response the tests received
 * (status, URI, body) in target/it/error-responses.log, and every SMS code the tests read on the console's outbox
 * page in target/it/sms-codes.txt.
 */
public final class ResponseLog {

    private static final Pattern OUTBOX_CODE = Pattern.compile("class=\"outbox-text\">[^<]*?\\b(\\d{6})\\b");

    private ResponseLog() {
    }

    public static Path errorResponses() {
        return workDir().resolve("error-responses.log");
    }

    public static Path smsCodes() {
        return workDir().resolve("sms-codes.txt");
    }

    public static synchronized void record(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() >= 400) {
            append(errorResponses(), "=== " + response.statusCode() + " " + response.request().method() + " " + response.uri() + "\n" + body + "\n");
        }
        if (response.uri().getPath().endsWith("/sms-outbox.xhtml")) {
            Matcher codes = OUTBOX_CODE.matcher(body);
            StringBuilder found = new StringBuilder();
            while (codes.find()) {
                found.append(codes.group(1)).append('\n');
            }
            if (!found.isEmpty()) {
                append(smsCodes(), found.toString());
            }
        }
    }

    private static Path workDir() {
        return Path.of(System.getProperty("lanyard.it.workDir", "target/it"));
    }

    private static void append(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
