package dev.lanyard.view.language;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** The languages the pages have, and the switcher's links (each comes back to the page it was clicked on). */
@Named
@RequestScoped
public class Languages {

    /** The cookie that keeps a person's choice (a preference, not a secret). */
    static final String COOKIE = "lanyard-lang";

    /** Each language's code and its name in itself, in the switcher's order. */
    static final Map<String, String> NAMES = Map.of("en", "English", "zh", "中文");
    private static final java.util.List<String> ORDER = java.util.List.of("en", "zh");

    @Inject
    HttpServletRequest request;

    /** The locale of a language code the pages have, or null. */
    static Locale supported(String code) {
        return code != null && NAMES.containsKey(code) ? Locale.forLanguageTag(code) : null;
    }

    /** One link of the switcher. */
    public record Link(String code, String name, String url) {
    }

    public java.util.List<Link> getLinks() {
        String here = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String next = URLEncoder.encode(here, StandardCharsets.UTF_8);
        return ORDER.stream().map(code -> new Link(code, NAMES.get(code),
                request.getContextPath() + LanguageServlet.PATH + "?lang=" + code + "&next=" + next)).toList();
    }
}
