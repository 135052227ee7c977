package dev.lanyard.view.admin;

import dev.lanyard.audit.AuditCursor;
import dev.lanyard.audit.AuditEvent;
import dev.lanyard.audit.AuditFilter;
import dev.lanyard.audit.AuditQueries;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log page of the domain the caller manages: filters from the query string (a GET form, so a filtered view is a link
 * and needs no CSRF token: it changes nothing), one page of {@value #PAGE_SIZE} events newest first with a link to the
 * next, the CSV export of the same filter ({@link AuditExportServlet}) and the sign-in chart of the last
 * {@value #CHART_DAYS} days.
 */
@Named
@RequestScoped
public class AuditView {

    static final int PAGE_SIZE = 50;
    static final int CHART_DAYS = 14;

    @Inject
    AdminConsole console;

    @Inject
    AuditQueries queries;

    @Inject
    HttpServletRequest request;

    @Inject
    Clock clock;

    private AuditFilterForm form;
    private List<AuditEvent> events;
    private AuditCursor next;
    private List<AuditQueries.DailySignIns> days;

    @PostConstruct
    void load() {
        form = AuditFilterForm.read(request::getParameter);
        if (!form.isValid()) {
            events = List.of();
            return;
        }
        List<AuditEvent> rows = queries.page(console.domainId(), form.filter(), AuditCursor.parse(request.getParameter("after")), PAGE_SIZE + 1);
        events = rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows;
        next = rows.size() > PAGE_SIZE ? AuditCursor.after(events.get(PAGE_SIZE - 1)) : null;
    }

    public AuditFilterForm getForm() {
        return form;
    }

    public List<String> getEventTypes() {
        return AuditFilter.EVENT_TYPES;
    }

    public List<AuditEvent> getEvents() {
        return events;
    }

    /** The link to the next page, or null on the last one. */
    public String getNextPageUrl() {
        return next == null ? null : request.getContextPath() + "/admin/audit.xhtml?" + query(Map.of("after", next.toString()));
    }

    public String getExportUrl() {
        return request.getContextPath() + AuditExportServlet.PATH + "?" + query(Map.of());
    }

    /** The chart's figures, read once per page (the chart and its table both show them; EL asks more than once). */
    public List<AuditQueries.DailySignIns> getDays() {
        if (days == null) {
            days = queries.signInsPerDay(console.domainId(), LocalDate.now(clock.withZone(ZoneOffset.UTC)), CHART_DAYS);
        }
        return days;
    }

    public String getChartSvg() {
        return SignInChart.svg(getDays(), console.text("admin.audit.chartTitle"), console.text("admin.audit.failures"),
                system -> console.text("admin.audit.chart." + system));
    }

    private String query(Map<String, String> extra) {
        Map<String, String> parameters = new LinkedHashMap<>(form.getValues());
        parameters.putAll(extra);
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
