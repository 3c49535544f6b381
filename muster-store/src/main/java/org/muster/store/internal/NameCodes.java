package org.muster.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codes the events table stores for names repeated in every row: event types (migration V13, table
 * {@code event_types}: a few dozen names of 10-30 characters) and actors (V14, table {@code actors}: the
 * people and systems that act, a few per node against millions of rows). A row holds a small integer and the
 * table the name. The hash still covers the name, read back through the code.
 *
 * <p>A code, once in the table, never changes and is never removed, so the names known here are cached
 * for the store's life; a name is cached only from a committed row, never from an insert that might yet
 * be rolled back (SQLite would give its code to the next name).
 */
final class NameCodes {
    private final String table;
    private final Map<String, Integer> codes = new ConcurrentHashMap<>();

    private NameCodes(String table) {
        this.table = table;
    }

    static NameCodes eventTypes() {
        return new NameCodes("event_types");
    }

    static NameCodes actors() {
        return new NameCodes("actors");
    }

    /**
     * The code of every name in {@code names}, adding the names the table lacks in a transaction of their
     * own first, before the append that uses them.
     */
    Map<String, Integer> codesOf(Collection<String> names, StoreCalls calls) {
        if (codes.keySet().containsAll(names)) return codes;
        calls.write("record the names " + names + " in " + table, c -> {
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO " + table + " (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
                for (String name : names) {
                    if (codes.containsKey(name)) continue;
                    insert.setString(1, name);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        calls.read("read the names in " + table, c -> {
            codes.putAll(readAll(c, table));
            return null;
        });
        return codes;
    }

    private static Map<String, Integer> readAll(Connection c, String table) throws SQLException {
        Map<String, Integer> all = new java.util.HashMap<>();
        try (PreparedStatement query = c.prepareStatement("SELECT name, code FROM " + table);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) all.put(rows.getString(1), rows.getInt(2));
        }
        return all;
    }
}
