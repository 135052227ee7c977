package dev.lanyard.database.migration;

import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Audit events take their ids in blocks of 50 from a sequence of their own; the shared {@code lanyard_seq} steps by
 * one again. V8 made the shared sequence step by 50 for the audit generator, but the JPA provider keeps one allocation
 * size per sequence name, so which size every entity used depended on the order it read the mappings. The new
 * sequence starts above every audit id handed out so far, which SQL alone cannot say on both H2 and PostgreSQL: hence
 * Java. EclipseLink takes a block as the 50 ids up to the value the sequence returns, so the first block is
 * {@code start-49 .. start}.
 */
public class V9__Audit_ids_from_their_own_sequence extends BaseJavaMigration {

    static final int BLOCK = 50;

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            long highest;
            try (ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM audit_events")) {
                rows.next();
                highest = rows.getLong(1);
            }
            statement.execute("CREATE SEQUENCE lanyard_audit_seq START WITH " + (highest + BLOCK) + " INCREMENT BY " + BLOCK);
            statement.execute("ALTER SEQUENCE lanyard_seq INCREMENT BY 1");
        }
    }
}
