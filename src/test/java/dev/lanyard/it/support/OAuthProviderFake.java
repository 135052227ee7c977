package dev.lanyard.it.support;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fakes of OAuth identity providers share: a sign-in page (the stand-in for the provider's) that lists the
 * fake's people as links, codes issued once and redeemable once, access tokens, and knobs for the bad cases a test
 * needs (a slow or failing token endpoint). A subclass routes requests by path and answers in its provider's format.
 * Runs inside WireMock on loopback: stub every path with this transformer.
 */
public abstract class OAuthProviderFake implements ResponseDefinitionTransformerV2 {

    /** Someone the fake provider knows, with what its profile endpoint tells about them. */
    public record Person(String login, Map<String, String> profile) {
    }

    /** A code the sign-in page issued: to whom, for which client and redirect, with what the authorize request asked. */
    protected record IssuedCode(Person person, String clientId, String redirectUri, Map<String, String> authorizeQuery) {
    }

    protected final Map<String, Person> people = new ConcurrentHashMap<>();
    protected final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    protected final Map<String, Person> accessTokens = new ConcurrentHashMap<>();
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile Integer tokenFailureStatus;

    public void add(Person person) {
        people.put(person.login(), person);
    }

    /** The token endpoint answers only after this long (zero: at once). */
    public void delayTokenEndpoint(Duration delay) {
        tokenDelay = delay;
    }

    /** The token endpoint answers this HTTP status with the provider's server-error body (null: normal). */
    public void failTokenEndpoint(Integer status) {
        tokenFailureStatus = status;
    }

    protected Duration tokenDelay() {
        return tokenDelay;
    }

    protected Integer tokenFailureStatus() {
        return tokenFailureStatus;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        URI url = URI.create(serveEvent.getRequest().getUrl());
        return route(serveEvent, url.getPath(), FormData.decode(url.getRawQuery()));
    }

    protected abstract ResponseDefinition route(ServeEvent serveEvent, String path, Map<String, String> query);

    /** The stand-in for the provider's sign-in page: one link per person, and a cancel link. */
    protected ResponseDefinition signInPage(String title, String approvePath, String cancelPath, Map<String, String> query) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(title).append("</title></head><body><h1 id=\"fake-provider\">").append(title).append("</h1><ul>");
        String carried = FormData.encode(query);
        for (Person person : people.values()) {
            html.append("<li><a id=\"as-").append(person.login()).append("\" href=\"").append(approvePath).append('?')
                    .append(carried).append("&amp;login=").append(person.login()).append("\">Sign in as ")
                    .append(person.login()).append("</a></li>");
        }
        html.append("</ul><p><a id=\"cancel\" href=\"").append(cancelPath).append('?').append(carried)
                .append("\">Cancel</a></p></body></html>");
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(html.toString()).build();
    }

    /** A code for the person the page's link named, sent back to the client's redirect_uri with the state. */
    protected String issueCode(Map<String, String> query) {
        Person person = people.get(query.get("login"));
        if (person == null) {
            throw new IllegalArgumentException("the fake knows no " + query.get("login"));
        }
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new IssuedCode(person, query.get("client_id"), query.get("redirect_uri"), Map.copyOf(query)));
        return code;
    }

    /** Takes a code out: a code works once, as at the real providers. */
    protected IssuedCode redeem(String code) {
        return code == null ? null : codes.remove(code);
    }

    protected String newAccessToken(Person person) {
        String token = "at-" + UUID.randomUUID();
        accessTokens.put(token, person);
        return token;
    }

    protected static ResponseDefinition redirect(String location) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(302).withHeader("Location", location).build();
    }

    protected ResponseDefinition json(int status, String body, boolean tokenEndpoint) {
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf-8").withBody(body);
        if (tokenEndpoint && !tokenDelay.isZero()) {
            response.withFixedDelay((int) tokenDelay.toMillis());
        }
        return response.build();
    }

    protected static String requestId() {
        return UUID.randomUUID().toString().toUpperCase();
    }

    protected static String withQuery(String base, String query) {
        return base + (base.contains("?") ? "&" : "?") + query;
    }

    protected static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
