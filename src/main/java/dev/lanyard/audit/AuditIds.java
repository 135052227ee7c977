package dev.lanyard.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Audit event ids, taken from {@code lanyard_audit_seq} in blocks of {@link #BLOCK}: one sequence round trip per 50
 * events. The sequence steps by 50 (migration V9) and a block is the 50 ids up to the value it returns, as the JPA
 * provider took them before, so ids handed out by either never meet. Sequences are outside transactions: a block
 * taken in a transaction that rolls back is not given again. Every node takes its own blocks.
 */
final class AuditIds {

    static final int BLOCK = 50;

    private long next = 1;
    private long last = 0;

    synchronized long next(Connection connection) throws SQLException {
        if (next > last) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT nextval('lanyard_audit_seq')")) {
                rows.next();
                last = rows.getLong(1);
                next = last - BLOCK + 1;
            }
        }
        return next++;
    }
}
