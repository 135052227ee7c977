package dev.lanyard.bench;

import dev.lanyard.it.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * PostgreSQL's transactions and WAL flushes over a phase (pg_stat_database, pg_stat_wal), per request: what the
 * database's share of the machine is made of, and how many calls the group commit put behind each wait for the disk.
 * Transactions count the reads too (each autocommitted read is one); a read never flushes the WAL. Each backend adds
 * to these counters at most once a second, so a phase's count misses about a second's worth at its end and includes
 * about as much from before its start (a phase follows a warm-up of the same load).
 */
record DatabaseCounters(long transactions, long walFlushes, long walBytes, double walFlushMillis) {

    /**
     * Has PostgreSQL time its WAL flushes in the benchmark's database ({@code track_wal_io_timing}, for the sessions
     * the server opens from now on), so that a phase shows how long a commit waited for the disk. Needs a superuser
     * (the machine's postgres user here); without one the flushes are counted, not timed. The walwriter's few flushes
     * are counted but not timed, so the time per flush is a little under the truth.
     */
    static void timeWalFlushes(TestDatabase database) {
        if (!database.isPostgres()) {
            return;
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet name = statement.executeQuery("SELECT current_database()")) {
            name.next();
            statement.execute("ALTER DATABASE \"" + name.getString(1).replace("\"", "\"\"") + "\" SET track_wal_io_timing = on");
        } catch (SQLException notSuperuser) {
            System.out.println("(PostgreSQL's WAL flushes are counted, not timed: " + notSuperuser.getMessage() + ")");
        }
    }

    /** The counters now; empty on the embedded database or when they cannot be read. */
    static Optional<DatabaseCounters> read(TestDatabase database) {
        if (!database.isPostgres()) {
            return Optional.empty();
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT d.xact_commit + d.xact_rollback, w.wal_sync, w.wal_bytes, w.wal_sync_time"
                     + " FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = current_database()")) {
            return row.next() ? Optional.of(new DatabaseCounters(row.getLong(1), row.getLong(2), row.getLong(3), row.getDouble(4)))
                    : Optional.empty();
        } catch (SQLException unavailable) {
            return Optional.empty();
        }
    }

    /** Prints the counts between {@code before} and {@code after} per request of the phase, or nothing. */
    static void print(String phase, Optional<DatabaseCounters> before, Optional<DatabaseCounters> after, long requests) {
        if (before.isEmpty() || after.isEmpty() || requests <= 0) {
            return;
        }
        long flushCount = after.get().walFlushes - before.get().walFlushes;
        double transactions = (after.get().transactions - before.get().transactions) / (double) requests;
        double flushes = flushCount / (double) requests;
        double bytes = (after.get().walBytes - before.get().walBytes) / (double) requests;
        double millis = after.get().walFlushMillis - before.get().walFlushMillis;
        String timed = millis > 0 && flushCount > 0 ? String.format(", %.2f ms each", millis / flushCount) : "";
        System.out.printf("PostgreSQL during %s, per request: %.2f transactions (reads and writes), %.2f WAL flushes"
                + " (%.1f requests per flush%s), %.0f bytes of WAL%n", phase, transactions, flushes,
                flushes > 0 ? 1 / flushes : 0, timed, bytes);
    }
}
