package dev.lanyard.view.admin;

import dev.lanyard.audit.AuditFilter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The audit log's filter as typed into the page's GET form (and carried by its page and export links): from and to
 * are UTC days (yyyy-MM-dd, both included), user and app are ids, type one of {@link AuditFilter#EVENT_TYPES}, result
 * success or failure. Each wrong field gets its own message key, shown next to that field.
 */
public final class AuditFilterForm {

    static final int MAX_ID = 64;

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private AuditFilter filter;

    private AuditFilterForm() {
    }

    static AuditFilterForm read(Function<String, String> parameter) {
        AuditFilterForm form = new AuditFilterForm();
        for (String name : new String[] {"from", "to", "user", "app", "type", "result"}) {
            String value = parameter.apply(name);
            if (value != null && !value.isBlank()) {
                form.values.put(name, value.trim());
            }
        }
        LocalDate from = form.day("from");
        LocalDate to = form.day("to");
        if (from != null && to != null && to.isBefore(from)) {
            form.errors.put("to", "admin.audit.toBeforeFrom");
        }
        String user = form.id("user");
        String app = form.id("app");
        String type = form.values.get("type");
        if (type != null && !AuditFilter.EVENT_TYPES.contains(type)) {
            form.errors.put("type", "admin.audit.badType");
        }
        String result = form.values.get("result");
        if (result != null && !result.equals("success") && !result.equals("failure")) {
            form.errors.put("result", "admin.audit.badResult");
        }
        if (form.errors.isEmpty()) {
            form.filter = new AuditFilter(
                    from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                    to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                    user, app, type, result == null ? null : AuditFilter.Result.valueOf(result.toUpperCase(Locale.ROOT)));
        }
        return form;
    }

    private LocalDate day(String field) {
        String value = values.get(field);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                if (day.getYear() >= 2000 && day.getYear() <= 9999) {
                    return day;
                }
            }
        } catch (DateTimeParseException malformed) {
            // the message below
        }
        errors.put(field, "admin.audit.badDate");
        return null;
    }

    private String id(String field) {
        String value = values.get(field);
        if (value != null && value.length() > MAX_ID) {
            errors.put(field, "admin.audit.idTooLong");
            return null;
        }
        return value;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** The filter; only for a valid form. */
    public AuditFilter filter() {
        return filter;
    }

    /** Field name to message key, for the fields that are wrong. */
    public Map<String, String> getErrors() {
        return errors;
    }

    public Map<String, String> getValues() {
        return values;
    }
}
