package dev.lanyard.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Audit events as CSV (RFC 4180: every cell quoted, quotes doubled, CRLF line ends). A cell that a spreadsheet would
 * read as a formula (it starts with = + - @, a tab or a carriage return) gets a leading apostrophe, so that a name
 * such as {@code =HYPERLINK(...)} chosen by a user stays text when an administrator opens the export (CSV injection).
 */
public final class AuditCsv {

    public static final List<String> HEADER = List.of("time", "event", "result", "user_id", "app_id", "subject", "client_ip", "detail");

    private AuditCsv() {
    }

    public static void header(Writer out) throws IOException {
        row(out, HEADER);
    }

    public static void event(Writer out, AuditEvent event) throws IOException {
        row(out, java.util.Arrays.asList(event.getCreatedAt().toString(), event.getEventType(),
                event.isFailure() ? "failure" : "success", event.getUserId(), event.getAppId(), event.getSubject(),
                event.getClientIp(), event.getDetail()));
    }

    static void row(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** One quoted, formula-safe cell; null is an empty cell. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        char first = value.charAt(0);
        String safe = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
