package dev.lanyard.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Apps (OAuth clients) of a domain. */
@ApplicationScoped
public class AppService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public Optional<App> find(String domainId, String appId) {
        return em.createQuery("select a from App a where a.domainId = :d and a.appId = :a", App.class)
                .setParameter("d", domainId).setParameter("a", appId)
                .getResultStream().findFirst();
    }

    public long count(String domainId) {
        return em.createQuery("select count(a) from App a where a.domainId = :d", Long.class)
                .setParameter("d", domainId).getSingleResult();
    }

    /** One page of apps, built-in ones first. */
    public List<App> page(String domainId, int first, int max) {
        return em.createQuery("select a from App a where a.domainId = :d order by a.builtIn desc, a.name", App.class)
                .setParameter("d", domainId)
                .setFirstResult(first).setMaxResults(max)
                .getResultList();
    }

    /** Creates the built-in BasicUI app of a domain, disabled, unless it exists. */
    @Transactional
    public App ensureBasicUi(String domainId) {
        return find(domainId, BasicUi.APP_ID).orElseGet(() -> {
            App app = BasicUi.newFor(domainId, clock.instant());
            em.persist(app);
            return app;
        });
    }
}
