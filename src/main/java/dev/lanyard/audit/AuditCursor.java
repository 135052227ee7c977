package dev.lanyard.audit;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of audit events ends, newest first: the time and id of its last event. Paging by this key (not by an
 * offset) costs the same on the thousandth page as on the first and skips nothing when new events arrive meanwhile.
 * Written as {@code <epoch seconds>.<nanos>.<id>} in page links.
 */
public record AuditCursor(Instant createdAt, long id) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,12})\\.(\\d{1,9})\\.(-?\\d{1,19})");

    public static AuditCursor after(AuditEvent last) {
        return new AuditCursor(last.getCreatedAt(), last.getId());
    }

    /** The cursor a link carries, or null when the text is not one (the first page is shown then). */
    public static AuditCursor parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            return new AuditCursor(Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                    Long.parseLong(m.group(3)));
        } catch (RuntimeException outOfRange) {
            return null;
        }
    }

    @Override
    public String toString() {
        return createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
    }
}
