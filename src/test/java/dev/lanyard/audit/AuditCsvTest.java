package dev.lanyard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasStayText() {
        assertThat(AuditCsv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(AuditCsv.cell("+1+2")).isEqualTo("\"'+1+2\"");
        assertThat(AuditCsv.cell("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(AuditCsv.cell("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(AuditCsv.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(AuditCsv.cell("a=b")).as("only a leading sign is a formula").isEqualTo("\"a=b\"");
    }

    @Test
    void everyCellIsQuotedQuotesAreDoubledAndRowsEndInCrLf() throws Exception {
        StringWriter out = new StringWriter();
        AuditCsv.row(out, Arrays.asList("plain", null, "say \"hi\"", "two\nlines", "a,b"));
        assertThat(out.toString()).isEqualTo("\"plain\",\"\",\"say \"\"hi\"\"\",\"two\nlines\",\"a,b\"\r\n");
    }
}
