package dev.lanyard.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Writes audit events. {@link #record} writes each in its own transaction: an event is kept even when the action it
 * describes fails and rolls back (a refused sign-in is exactly what an audit log is for). {@link #recordInTransaction}
 * writes it as part of the caller's state change, for an event that must exist exactly when that change does (a token
 * minted on a user's behalf), in the same commit.
 */
@ApplicationScoped
public class AuditLog {

    /** What happened, e.g. {@code sms.sent}. The event types are listed in docs/audit.md (keep it in step). */
    public record Entry(String domainId, String eventType, String userId, String appId, String subject, String clientIp,
                        String detail) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Entry entry) {
        em.persist(eventOf(entry));
    }

    /** Writes the event in the caller's transaction, which must exist: it commits or rolls back with it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordInTransaction(Entry entry) {
        em.persist(eventOf(entry));
    }

    private AuditEvent eventOf(Entry entry) {
        return new AuditEvent(entry.domainId(), entry.eventType(), entry.userId(), entry.appId(),
                clip(entry.subject(), 200), clip(entry.clientIp(), 64), clip(entry.detail(), 500), clock.instant());
    }

    /** The newest events of a domain, newest first. */
    public List<AuditEvent> newest(String domainId, int max) {
        return em.createQuery("select e from AuditEvent e where e.domainId = :d order by e.createdAt desc, e.id desc", AuditEvent.class)
                .setParameter("d", domainId).setMaxResults(max).getResultList();
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
