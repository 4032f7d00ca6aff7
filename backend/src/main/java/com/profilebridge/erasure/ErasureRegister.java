package com.profilebridge.erasure;

import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One row per erasure run (table {@code erasure_request}): when, who, why and the report, naming
 * the customer by their pseudonym only. The audit trail's {@code ERASURE} row says the same in the
 * audit's terms; this keeps what the audit has no column for.
 */
@Repository
class ErasureRegister {

    private final JdbcClient jdbc;

    ErasureRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Instant at, String actor, String pseudonym, @Nullable String reason, String report) {
        jdbc.sql("""
                        INSERT INTO erasure_request (requested_at, actor, pseudonym, reason, report)
                        VALUES (:at, :actor, :pseudonym, :reason, :report)""")
                .param("at", Timestamp.from(at))
                .param("actor", actor)
                .param("pseudonym", pseudonym)
                .param("reason", reason)
                .param("report", report)
                .update();
    }
}
