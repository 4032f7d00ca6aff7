package com.profilebridge.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL database of its own for one test class, on the machine's server (127.0.0.1:5432,
 * trust auth), so concurrent or repeated runs never see each other's tables.
 */
public final class ScratchDatabase {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private final String name = "pb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    public static ScratchDatabase create() {
        ScratchDatabase db = new ScratchDatabase();
        db.execute("CREATE DATABASE " + db.name);
        return db;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    public String name() {
        return name;
    }

    /** Points a Spring test's data source at this database ({@code @DynamicPropertySource}). */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    public void drop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is needed for this test: " + e.getMessage(), e);
        }
    }
}
