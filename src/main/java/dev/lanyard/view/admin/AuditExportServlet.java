package dev.lanyard.view.admin;

import dev.lanyard.audit.AuditCsv;
import dev.lanyard.audit.AuditCursor;
import dev.lanyard.audit.AuditEvent;
import dev.lanyard.audit.AuditQueries;
import dev.lanyard.security.LanyardPrincipal;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /admin/audit/export}: the events of the domain the caller manages that match the audit page's filter, as CSV
 * ({@link AuditCsv}), newest first. Streamed page by page (never the whole table in memory) and cut at
 * {@code lanyard.audit.export-max-rows}; a last line says so when it was cut. Under /admin, so for administrators only.
 */
@WebServlet(AuditExportServlet.PATH)
public class AuditExportServlet extends HttpServlet {

    static final String PATH = "/admin/audit/export";
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 500;

    @Inject
    SecurityContext securityContext;

    @Inject
    AuditQueries queries;

    @Inject
    Clock clock;

    @Inject
    AdminConsole console;

    /** The most rows one export holds (a year of a busy domain is more; narrow the filter for older events). */
    @Inject
    @ConfigProperty(name = "lanyard.audit.export-max-rows", defaultValue = "100000")
    int maxRows;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (securityContext.getPrincipalsByType(LanyardPrincipal.class).isEmpty()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String domainId = console.domainId();
        AuditFilterForm form = AuditFilterForm.read(request::getParameter);
        response.setHeader("Cache-Control", "no-store");
        if (!form.isValid()) {
            response.setStatus(400);
            response.setContentType("text/plain");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("The filter is not valid: " + String.join(", ", form.getErrors().keySet()) + "\n");
            return;
        }
        response.setContentType("text/csv");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-" + domainId.replaceAll("[^A-Za-z0-9_-]", "_")
                + "-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".csv\"");
        Writer out = response.getWriter();
        AuditCsv.header(out);
        AuditCursor after = null;
        int written = 0;
        while (true) {
            int wanted = Math.min(BATCH, maxRows - written);
            if (wanted == 0) {
                if (!queries.page(domainId, form.filter(), after, 1).isEmpty()) {
                    out.write("\"cut at " + maxRows + " rows (lanyard.audit.export-max-rows): narrow the filter for the rest\"\r\n");
                }
                return;
            }
            List<AuditEvent> batch = queries.page(domainId, form.filter(), after, wanted);
            for (AuditEvent event : batch) {
                AuditCsv.event(out, event);
            }
            written += batch.size();
            if (batch.size() < wanted) {
                return;
            }
            after = AuditCursor.after(batch.get(batch.size() - 1));
        }
    }
}
