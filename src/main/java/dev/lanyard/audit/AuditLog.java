package dev.lanyard.audit;

import dev.lanyard.database.DataSourceDeclaration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes audit events. {@link #record} writes each in its own transaction: an event is kept even when the action it
 * describes fails and rolls back (a refused sign-in is exactly what an audit log is for). {@link #recordInTransaction}
 * writes it as part of the caller's state change, for an event that must exist exactly when that change does (a token
 * minted on a user's behalf), in the same commit.
 * <p>
 * Events are written with one plain INSERT: they are never changed, and the JPA provider's persist, change set and
 * contended id allocation cost a tenth of a token call (measured with JFR). Ids come in blocks from
 * {@code lanyard_audit_seq} ({@link AuditIds}); the entity {@link AuditEvent} is for reading.
 */
@ApplicationScoped
public class AuditLog {

    /** What happened, e.g. {@code sms.sent}. The event types are listed in docs/audit.md (keep it in step). */
    public record Entry(String domainId, String eventType, String userId, String appId, String subject, String clientIp,
                        String detail) {
    }

    private static final String INSERT = "INSERT INTO audit_events (id, domain_id, event_type, user_id, app_id, subject, "
            + "client_ip, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Clock clock;

    private final AuditIds ids = new AuditIds();

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Entry entry) {
        insert(entry);
    }

    /** Writes the event in the caller's transaction, which must exist: it commits or rolls back with it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordInTransaction(Entry entry) {
        insert(entry);
    }

    /**
     * Writes the events with one batched INSERT on a connection the caller took in its own transaction, with which they
     * commit or roll back (the group commit's batch, whose one-time values go on the same connection). Not intercepted
     * (a transactional call costs more than the INSERT): the caller must hold a transaction on the connection, or the
     * events commit alone; the connection stays open.
     */
    public void recordAllOn(Connection connection, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Entry entry : entries) {
                bind(insert, ids.next(connection), entry);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The newest events of a domain, newest first. */
    public List<AuditEvent> newest(String domainId, int max) {
        return em.createQuery("select e from AuditEvent e where e.domainId = :d order by e.createdAt desc, e.id desc", AuditEvent.class)
                .setParameter("d", domainId).setMaxResults(max).getResultList();
    }

    private void insert(Entry entry) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, ids.next(connection), entry);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the audit event " + entry.eventType(), e);
        }
    }

    private void bind(PreparedStatement insert, long id, Entry entry) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, entry.domainId());
        insert.setString(3, clip(entry.eventType(), 64));
        insert.setString(4, entry.userId());
        insert.setString(5, entry.appId());
        insert.setString(6, clip(entry.subject(), 200));
        insert.setString(7, clip(entry.clientIp(), 64));
        insert.setString(8, clip(entry.detail(), 500));
        insert.setObject(9, clock.instant().atOffset(ZoneOffset.UTC));
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
