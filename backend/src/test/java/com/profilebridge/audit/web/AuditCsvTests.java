package com.profilebridge.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.audit.AuditEvent;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditCsvTests {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndInnerQuotesDoubled() {
        assertThat(AuditCsv.cell("plain")).isEqualTo("plain");
        assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditCsv.cell("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(AuditCsv.cell(null)).isEmpty();
        assertThat(AuditCsv.cell("Müller-Lüdenscheidt")).isEqualTo("Müller-Lüdenscheidt");
    }

    @Test
    void cellsThatASpreadsheetWouldEvaluateBecomeText() {
        assertThat(AuditCsv.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(AuditCsv.cell("+1 555")).isEqualTo("'+1 555");
        assertThat(AuditCsv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(AuditCsv.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(AuditCsv.cell("a=b")).as("only the first character matters").isEqualTo("a=b");
    }

    @Test
    void aFileIsAByteOrderMarkAHeaderAndOneCrlfLinePerRow() {
        StringWriter out = new StringWriter();
        AuditCsv csv = new AuditCsv(out);
        csv.header();
        csv.row(new AuditEvent(7, Instant.parse("2026-12-01T09:15:03.123456Z"), "=cmd|' /C calc'!A0", null,
                "PROFILE_VIEW", "usr_00042", "conv,1", "widget", "c-1"));
        assertThat(out.toString()).isEqualTo("\uFEFFid,occurred_at_utc,actor,organization,action,customer,"
                + "interaction_id,channel,correlation_id\r\n"
                + "7,2026-12-01T09:15:03.123456Z,'=cmd|' /C calc'!A0,,PROFILE_VIEW,usr_00042,\"conv,1\",widget,c-1\r\n");
    }
}
