package dev.lanyard.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the audit log for the admin console: a page of events by filter (newest first, paged by {@link AuditCursor},
 * so no page loads more than its rows), and sign-ins per day and user system for the chart. Always one domain's events.
 */
@ApplicationScoped
public class AuditQueries {

    /** The user systems a sign-in event can name; anything else is counted as "other". */
    public static final List<String> USER_SYSTEMS = List.of("password", "mobile", "dingtalk", "ram");

    /**
     * A sign-in event's user system: mobile sign-ins name the (masked) number as subject and "mobile..." as detail,
     * the others name their user system as subject.
     */
    private static final String USER_SYSTEM_OF_EVENT = "CASE WHEN detail LIKE 'mobile%' THEN 'mobile' ELSE subject END";

    @PersistenceContext
    EntityManager em;

    /** At most {@code limit} events matching {@code filter} that come after {@code after} (null: from the newest). */
    public List<AuditEvent> page(String domainId, AuditFilter filter, AuditCursor after, int limit) {
        StringBuilder jpql = new StringBuilder("select e from AuditEvent e where e.domainId = :domain");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("domain", domainId);
        if (filter.from() != null) {
            jpql.append(" and e.createdAt >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            jpql.append(" and e.createdAt < :to");
            parameters.put("to", filter.to());
        }
        if (filter.userId() != null) {
            jpql.append(" and e.userId = :user");
            parameters.put("user", filter.userId());
        }
        if (filter.appId() != null) {
            jpql.append(" and e.appId = :app");
            parameters.put("app", filter.appId());
        }
        if (filter.eventType() != null) {
            jpql.append(" and e.eventType = :type");
            parameters.put("type", filter.eventType());
        }
        if (filter.result() != null) {
            jpql.append(filter.result() == AuditFilter.Result.FAILURE ? " and e.eventType in :failures" : " and e.eventType not in :failures");
            parameters.put("failures", List.copyOf(AuditFilter.FAILURE_EVENTS));
        }
        if (after != null) {
            jpql.append(" and (e.createdAt < :afterTime or (e.createdAt = :afterTime and e.id < :afterId))");
            parameters.put("afterTime", after.createdAt());
            parameters.put("afterId", after.id());
        }
        jpql.append(" order by e.createdAt desc, e.id desc");
        TypedQuery<AuditEvent> query = em.createQuery(jpql.toString(), AuditEvent.class).setMaxResults(limit);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    /** Sign-ins (successful and failed) of one UTC day, counted by user system. */
    public record DailySignIns(LocalDate day, Map<String, Long> successesBySystem, long failures) {

        public long successes() {
            return successesBySystem.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The last {@code days} UTC days up to and including {@code today}, oldest first: one small indexed query per day. */
    public List<DailySignIns> signInsPerDay(String domainId, LocalDate today, int days) {
        List<DailySignIns> result = new ArrayList<>();
        for (LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
            Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT event_type, " + USER_SYSTEM_OF_EVENT + ", COUNT(*) FROM audit_events"
                            + " WHERE domain_id = ? AND created_at >= ? AND created_at < ? AND event_type IN ('login.success', 'login.failure')"
                            + " GROUP BY event_type, " + USER_SYSTEM_OF_EVENT)
                    .setParameter(1, domainId).setParameter(2, start.atOffset(ZoneOffset.UTC)).setParameter(3, end.atOffset(ZoneOffset.UTC))
                    .getResultList();
            Map<String, Long> successes = new LinkedHashMap<>();
            USER_SYSTEMS.forEach(system -> successes.put(system, 0L));
            long failures = 0;
            for (Object[] row : rows) {
                long count = ((Number) row[2]).longValue();
                if ("login.failure".equals(row[0])) {
                    failures += count;
                } else {
                    successes.merge(USER_SYSTEMS.contains(row[1]) ? (String) row[1] : "other", count, Long::sum);
                }
            }
            result.add(new DailySignIns(day, successes, failures));
        }
        return result;
    }
}
