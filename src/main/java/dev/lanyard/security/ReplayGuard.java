package dev.lanyard.security;

import dev.lanyard.database.DataSourceDeclaration;
import dev.lanyard.token.OpaqueSecrets;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * One-time values (a JWT-bearer assertion's jti, an AccessKey request's signature) remembered in the database until
 * they could no longer be accepted anyway, so a replay fails after a restart and on any other node. The JWT-bearer
 * grant and get_access_token record theirs through the group commit ({@link FirstUseBatches}): the batch's transaction
 * writes the one-time values and their audit events on one connection ({@link #firstUsesOn}), one commit for both.
 * Any other use ({@link #firstUse}: the signature of any other AccessKey request, checked before the resource runs) is
 * recorded in the caller's transaction when there is one, else in its own. Either way a request that is refused later
 * still used its value up.
 */
@ApplicationScoped
public class ReplayGuard {

    static final int PURGE_EVERY = 1000;
    static final Duration MIN_KEEP = Duration.ofMinutes(1);
    private static final String INSERT = "INSERT INTO replay_records (domain_id, kind, fingerprint, expires_at) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Clock clock;

    private final AtomicLong recorded = new AtomicLong();

    /**
     * True for the first use of {@code value} of this kind in the domain (e.g. kind "jti", value app id + jti); false
     * for a replay while the first use's record lasts ({@code keepUntil}).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean firstUse(String domainId, String kind, String value, Instant keepUntil) {
        try (Connection connection = dataSource.getConnection()) {
            return firstUsesOn(connection, List.of(new OneTimeValue(domainId, kind, value, keepUntil)))[0];
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a one-time value", e);
        }
    }

    /** A one-time value of {@link #firstUse}, for {@link #firstUsesOn}. */
    public record OneTimeValue(String domainId, String kind, String value, Instant keepUntil) {
    }

    /**
     * {@link #firstUse} for several values, on a connection the caller took in its own transaction (the group commit
     * writes a batch's values and audit events on one), with one batched INSERT: for each value, true for its first
     * use, false for a replay (a value twice in the list is a replay the second time). The usual case is that one
     * statement; only a value seen before costs more, since its record may have expired. Not intercepted (a
     * transactional call costs more than the INSERT): the caller must hold a transaction on the connection, or each
     * statement commits alone; the connection stays open. For this package's group commit and {@link #firstUse}.
     */
    boolean[] firstUsesOn(Connection connection, List<OneTimeValue> values) throws SQLException {
        Instant now = clock.instant();
        boolean[] first = new boolean[values.size()];
        String[] fingerprints = new String[values.size()];
        for (int i = 0; i < values.size(); i++) {
            fingerprints[i] = fingerprint(values.get(i).kind(), values.get(i).value());
        }
        // rows are inserted in key order, so that two batches sharing values (retries, replays, other nodes) wait for
        // each other rather than deadlock
        Integer[] order = new Integer[values.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> values.get(i).domainId()).thenComparing(i -> values.get(i).kind())
                .thenComparing(i -> fingerprints[i]));
        int[] inserted;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i : order) {
                OneTimeValue value = values.get(i);
                bind(insert, value.domainId(), value.kind(), fingerprints[i], keepUntil(value.keepUntil(), now));
                insert.addBatch();
            }
            inserted = insert.executeBatch();
        }
        for (int row = 0; row < order.length; row++) {
            if (inserted[row] < 0) {
                // e.g. pgjdbc's reWriteBatchedInserts=true, which Lanyard does not support
                throw new IllegalStateException("the database driver did not count the rows of each insert");
            }
            int i = order[row];
            OneTimeValue value = values.get(i);
            first[i] = inserted[row] == 1 || (deleteExpired(connection, value.domainId(), value.kind(), fingerprints[i], now)
                    && insert(connection, value.domainId(), value.kind(), fingerprints[i], keepUntil(value.keepUntil(), now)));
        }
        purgeNowAndThen(connection, values.size(), now);
        return first;
    }

    /**
     * How long a record is kept: until the value could not be accepted anyway, and at least {@link #MIN_KEEP} from
     * now. A value checked just before its end and written a moment later (a token is signed in between) must not
     * be written already expired, where a second use would find it gone.
     */
    private static Instant keepUntil(Instant wanted, Instant now) {
        Instant least = now.plus(MIN_KEEP);
        return wanted.isAfter(least) ? wanted : least;
    }

    private static String fingerprint(String kind, String value) {
        return OpaqueSecrets.sha256Hex(kind + "\u0000" + value);
    }

    /** Deletes expired records once every {@value #PURGE_EVERY} recorded uses on this node. */
    private void purgeNowAndThen(Connection connection, int uses, Instant now) throws SQLException {
        long after = recorded.addAndGet(uses);
        if (after / PURGE_EVERY != (after - uses) / PURGE_EVERY) {
            try (PreparedStatement purge = connection.prepareStatement("DELETE FROM replay_records WHERE expires_at < ?")) {
                purge.setObject(1, now.atOffset(ZoneOffset.UTC));
                purge.executeUpdate();
            }
        }
    }

    private static boolean insert(Connection connection, String domainId, String kind, String fingerprint, Instant keepUntil)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, domainId, kind, fingerprint, keepUntil);
            return insert.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement insert, String domainId, String kind, String fingerprint, Instant keepUntil)
            throws SQLException {
        insert.setString(1, domainId);
        insert.setString(2, kind);
        insert.setString(3, fingerprint);
        insert.setObject(4, keepUntil.atOffset(ZoneOffset.UTC));
    }

    private static boolean deleteExpired(Connection connection, String domainId, String kind, String fingerprint, Instant now)
            throws SQLException {
        try (PreparedStatement expired = connection.prepareStatement(
                "DELETE FROM replay_records WHERE domain_id = ? AND kind = ? AND fingerprint = ? AND expires_at < ?")) {
            expired.setString(1, domainId);
            expired.setString(2, kind);
            expired.setString(3, fingerprint);
            expired.setObject(4, now.atOffset(ZoneOffset.UTC));
            return expired.executeUpdate() > 0;
        }
    }
}
