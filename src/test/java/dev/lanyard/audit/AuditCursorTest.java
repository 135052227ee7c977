package dev.lanyard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditCursorTest {

    @Test
    void aCursorSurvivesItsLinkText() {
        AuditCursor cursor = new AuditCursor(Instant.parse("2026-12-04T10:15:30.123456Z"), 4711);
        assertThat(cursor.toString()).isEqualTo("1796379330.123456000.4711");
        assertThat(AuditCursor.parse(cursor.toString())).isEqualTo(cursor);
    }

    @Test
    void textThatIsNotACursorStartsFromTheNewest() {
        assertThat(AuditCursor.parse(null)).isNull();
        assertThat(AuditCursor.parse("")).isNull();
        assertThat(AuditCursor.parse("1.2")).isNull();
        assertThat(AuditCursor.parse("1.2.3.4")).isNull();
        assertThat(AuditCursor.parse("x.2.3")).isNull();
        assertThat(AuditCursor.parse("1.2.9999999999999999999")).as("beyond a long").isNull();
        assertThat(AuditCursor.parse("1.2.3' OR 1=1")).isNull();
    }
}
