package dev.lanyard.it.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client of the AccessKey API as PDS documents its signature, written here from the formula (not shared with
 * Lanyard): Signature = base64(HMAC-SHA1(secret, VERB\nAccept\nContent-MD5\nContent-Type\nDate\n
 * CanonicalizedHeaders CanonicalizedResource)). Each request can be changed after signing, to test the checks.
 */
public final class AcsSigner {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final LanyardServer server;
    private final String host;
    private final String keyId;
    private final String secret;

    public AcsSigner(LanyardServer server, String host, String keyId, String secret) {
        this.server = server;
        this.host = host;
        this.keyId = keyId;
        this.secret = secret;
    }

    /** A signed request, ready to send or to tamper with. */
    public final class Signed {
        public String method = "POST";
        public String path;
        public String body;
        public final Map<String, String> headers = new LinkedHashMap<>();

        Signed(String path, String body) {
            this.path = path;
            this.body = body;
        }

        public HttpResponse<String> send() throws Exception {
            HttpResponse<String> response = HTTP.send(request().build(), HttpResponse.BodyHandlers.ofString());
            ResponseLog.record(response);
            return response;
        }

        /** Sends the signed request with one more copy of a header (the signed copy stays first). */
        public HttpResponse<String> sendWithExtraHeader(String name, String value) throws Exception {
            HttpResponse<String> response = HTTP.send(request().header(name, value).build(), HttpResponse.BodyHandlers.ofString());
            ResponseLog.record(response);
            return response;
        }

        private HttpRequest.Builder request() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).method(method,
                    HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
            if (host != null) {
                request.header("Host", host);
            }
            headers.forEach(request::header);
            return request;
        }
    }

    /** A POST of a JSON body, signed with a Date of now and an x-acs nonce, with or without Content-MD5. */
    public Signed post(String path, String json, boolean contentMd5) throws Exception {
        return signed("POST", path, json, contentMd5, ZonedDateTime.now(ZoneOffset.UTC));
    }

    public Signed signed(String method, String path, String json, boolean contentMd5, ZonedDateTime date) throws Exception {
        return signed(method, path, json, contentMd5, date, "application/json");
    }

    public Signed signed(String method, String path, String json, boolean contentMd5, ZonedDateTime date, String contentType)
            throws Exception {
        Signed request = new Signed(path, json);
        request.headers.put("Accept", "application/json");
        request.headers.put("Content-Type", contentType);
        if (contentMd5) {
            request.headers.put("Content-MD5", Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("MD5").digest(json.getBytes(StandardCharsets.UTF_8))));
        }
        request.headers.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date));
        request.headers.put("x-acs-signature-nonce", java.util.UUID.randomUUID().toString());
        request.headers.put("x-acs-signature-method", "HMAC-SHA1");
        request.headers.put("x-acs-signature-version", "1.0");
        request.headers.put("Authorization", "acs " + keyId + ":" + signature(method, request.headers, path));
        return request;
    }

    /** The formula, step by step. */
    private String signature(String method, Map<String, String> headers, String pathAndQuery) throws Exception {
        StringBuilder toSign = new StringBuilder(method).append('\n')
                .append(headers.getOrDefault("Accept", "")).append('\n')
                .append(headers.getOrDefault("Content-MD5", "")).append('\n')
                .append(headers.getOrDefault("Content-Type", "")).append('\n')
                .append(headers.getOrDefault("Date", "")).append('\n');
        TreeMap<String, String> acs = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("x-acs-")) {
                acs.put(name.toLowerCase(Locale.ROOT), value.trim());
            }
        });
        acs.forEach((name, value) -> toSign.append(name).append(':').append(value).append('\n'));
        int question = pathAndQuery.indexOf('?');
        toSign.append(question < 0 ? pathAndQuery : pathAndQuery.substring(0, question));
        if (question >= 0) {
            TreeMap<String, String> query = new TreeMap<>(FormData.decode(pathAndQuery.substring(question + 1)));
            StringBuilder resource = new StringBuilder();
            query.forEach((k, v) -> resource.append(resource.isEmpty() ? "" : "&").append(k).append(v.isEmpty() ? "" : "=" + v));
            toSign.append('?').append(resource);
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(toSign.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
