package com.profilebridge.support;

import com.github.benmanes.caffeine.cache.Cache;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.util.AopTestUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Looks for strings (a customer's id, phone number, e-mail address) in every store of a running
 * application, without a hand-kept list of stores: every column of every table the database
 * metadata lists, every Caffeine cache and map held by the application's beans (and by the objects
 * they hold), every Redis key and value. Each hit names where it was found.
 */
public final class StoreSearch {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The synthetic demo CDP is the CDP, not a store of the bridge: erasure cannot reach it (docs). */
    private static final String DEMO_CDP = "com.profilebridge.cdp.demo.";

    private StoreSearch() {}

    /** The tables of the connection's schema, as the metadata lists them. */
    public static List<String> tables(DataSource database) {
        try (Connection connection = database.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", null)) {
                while (rs.next()) {
                    String type = rs.getString("TABLE_TYPE");
                    if ("TABLE".equals(type) || "BASE TABLE".equals(type)) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code table.column: value} for every cell of every table that contains a needle. */
    public static List<String> database(DataSource database, Collection<String> needles) {
        List<String> hits = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : tables(database)) {
                try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            if (value != null && contains(value, needles)) {
                                hits.add(table + "." + rs.getMetaData().getColumnName(i) + ": " + value);
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hits;
    }

    /**
     * {@code bean.field[key]: value} for every entry of every Caffeine cache and map that a bean of
     * the application (or an object it holds, two levels down) keeps, whose key or value contains
     * a needle; values are read as JSON where they can be, else as text.
     */
    public static List<String> memory(ConfigurableApplicationContext context, Collection<String> needles) {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        List<String> hits = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String name : beans.getSingletonNames()) {
            Object bean = beans.getSingleton(name);
            if (bean == null) {
                continue;
            }
            Object target = AopTestUtils.getUltimateTargetObject(bean);
            String type = target.getClass().getName();
            if (type.startsWith("com.profilebridge.") && !type.startsWith(DEMO_CDP)) {
                fields(name, target, needles, hits, seen, 0);
            }
        }
        return hits;
    }

    private static void fields(String path, Object object, Collection<String> needles, List<String> hits,
            Set<Object> seen, int depth) {
        if (!seen.add(object)) {
            return;
        }
        for (Class<?> type = object.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive() || !field.trySetAccessible()) {
                    continue;
                }
                Object value;
                try {
                    value = field.get(object);
                } catch (IllegalAccessException e) {
                    continue;
                }
                String where = path + "." + field.getName();
                if (value instanceof Cache<?, ?> cache) {
                    entries(where, cache.asMap(), needles, hits);
                } else if (value instanceof Map<?, ?> map) {
                    entries(where, map, needles, hits);
                } else if (value != null && depth < 2 && value.getClass().getName().startsWith("com.profilebridge.")
                        && !value.getClass().getName().startsWith(DEMO_CDP)) {
                    fields(where, value, needles, hits, seen, depth + 1);
                }
            }
        }
    }

    private static void entries(String where, Map<?, ?> map, Collection<String> needles, List<String> hits) {
        for (Map.Entry<?, ?> entry : Map.copyOf(map).entrySet()) {
            String text = entry.getKey() + " = " + render(entry.getValue());
            if (contains(text, needles)) {
                hits.add(where + "[" + entry.getKey() + "]: " + text);
            }
        }
    }

    private static String render(Object value) {
        try {
            return JSON.writeValueAsString(value) + " " + value;
        } catch (RuntimeException | StackOverflowError e) {
            return String.valueOf(value);
        }
    }

    /** {@code key: values} for every Redis key whose name or value (of any type) contains a needle. */
    public static List<String> redis(StringRedisTemplate redis, Collection<String> needles) {
        List<String> hits = new ArrayList<>();
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().count(1000).build())) {
            while (keys.hasNext()) {
                String key = keys.next();
                DataType type = redis.type(key);
                Object value = switch (type == null ? DataType.NONE : type) {
                    case STRING -> redis.opsForValue().get(key);
                    case HASH -> redis.opsForHash().entries(key);
                    case LIST -> redis.opsForList().range(key, 0, -1);
                    case SET -> redis.opsForSet().members(key);
                    case ZSET -> redis.opsForZSet().range(key, 0, -1);
                    default -> type;
                };
                String text = key + " = " + value;
                if (contains(text, needles)) {
                    hits.add(text);
                }
            }
        }
        return hits;
    }

    private static boolean contains(String text, Collection<String> needles) {
        String lower = text.toLowerCase(Locale.ROOT);
        return needles.stream().anyMatch(n -> lower.contains(n.toLowerCase(Locale.ROOT)));
    }
}
