package dev.lanyard.oauth;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The page a browser sees when an authorization request cannot be sent back to the app (unknown client, bad redirect). */
public final class ErrorPages {

    private ErrorPages() {
    }

    public static Response oauthError(String error, String description) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>Sign-in request refused · Lanyard</title>"
                + "<link rel=\"stylesheet\" href=\"/resources/css/lanyard.css\"/></head><body><main class=\"card\">"
                + "<h1>This sign-in request cannot be completed</h1>"
                + "<p id=\"error\">" + escape(error) + "</p><p id=\"error-description\">" + escape(description) + "</p>"
                + "<p>Go back to the application and try again. If it keeps happening, tell the application's owner.</p>"
                + "</main></body></html>";
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store").entity(html).build();
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
