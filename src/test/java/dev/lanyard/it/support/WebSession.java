package dev.lanyard.it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without JavaScript: keeps cookies, follows no redirects by itself, reads pages with jsoup and submits their
 * forms with every field they carry (CSRF token and Faces view state included). Prints the last response on failure.
 */
public final class WebSession {

    private final List<LanyardServer> nodes;
    private final HttpClient client;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final String host;
    private LanyardServer server;
    private int requests;
    private HttpResponse<String> last;

    public WebSession(LanyardServer server) {
        this(server, null);
    }

    /** A session whose requests carry {@code Host: host} (a domain's host name) instead of 127.0.0.1. */
    public WebSession(LanyardServer server, String host) {
        this(List.of(server), host);
    }

    /**
     * A browser behind a balancer without affinity: each request goes to the next of {@code nodes} in turn, with one
     * cookie jar for all of them (cookies ignore ports, as a browser's do for one host name).
     */
    public static WebSession alternating(List<LanyardServer> nodes, String host) {
        return new WebSession(nodes, host);
    }

    private WebSession(List<LanyardServer> nodes, String host) {
        this.nodes = List.copyOf(nodes);
        this.server = nodes.get(0);
        this.host = host;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> getWithBearer(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    public Document page(String path) {
        HttpResponse<String> response = get(path);
        return Jsoup.parse(response.body(), server.baseUrl() + path);
    }

    /** Posts the form with the given id on the given page, after overriding some of its fields. */
    public HttpResponse<String> submit(Document page, String formId, Map<String, String> overrides) {
        Element form = page.getElementById(formId);
        if (form == null) {
            throw new AssertionError("no form #" + formId + " on the page:\n" + page.outerHtml());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            boolean unticked = (type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked");
            if (!type.equals("submit") && !unticked) { // as a browser: a box that is not ticked sends nothing
                fields.put(input.attr("name"), input.attr("value"));
            }
        }
        Element submit = form.selectFirst("input[type=submit]");
        if (submit != null) {
            fields.put(submit.attr("name"), submit.attr("value"));
        }
        fields.putAll(overrides);
        fields.values().removeIf(v -> v == null);
        return post(URI.create(form.absUrl("action")).getPath(), fields);
    }

    public HttpResponse<String> post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A POST with exactly this body and content type (for requests a form would never send). */
    public HttpResponse<String> postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Opens the logon page and signs in; returns the response to the form post. */
    public HttpResponse<String> login(String username, String password) {
        Document loginPage = page("/login.xhtml");
        return submit(loginPage, "login", Map.of("username", username, "password", password));
    }

    /** A session of the domain {@code domainId} signed in with a password (the test fails when it cannot). */
    public static WebSession signedIn(LanyardServer server, String domainId, String username, String password) {
        WebSession session = new WebSession(server, domainId + SharedServer.HOST_SUFFIX);
        HttpResponse<String> login = session.login(username, password);
        if (login.statusCode() != 302) {
            throw new AssertionError("cannot sign in as " + username + ": " + session.describeLast());
        }
        return session;
    }

    public HttpResponse<String> last() {
        return last;
    }

    /** Forgets a cookie, as a browser whose cookie expired (or a node that never set it) would. */
    public void dropCookie(String name) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().getURIs().forEach(uri -> cookies.getCookieStore().remove(uri, c)));
    }

    /** The node that answered the last request. */
    public LanyardServer lastNode() {
        return server;
    }

    private HttpRequest.Builder request(String path) {
        server = nodes.get(requests++ % nodes.size());
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30));
        if (host != null) {
            builder.header("Host", host + ":" + server.port());
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            last = client.send(request, HttpResponse.BodyHandlers.ofString());
            ResponseLog.record(last);
            return last;
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The last response, for an assertion message. */
    public String describeLast() {
        return last == null ? "(no request yet)" : last.statusCode() + " " + last.uri() + "\n" + last.headers().map() + "\n" + last.body();
    }
}
