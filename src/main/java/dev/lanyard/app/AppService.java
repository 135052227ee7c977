package dev.lanyard.app;

import dev.lanyard.token.OpaqueSecrets;
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

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /**
     * The app as the token endpoint sees it: read at most every {@code lanyard.apps.cache-seconds} per node, so a
     * grant costs no app query; a disabled app stops getting tokens within that time on every node.
     */
    public Optional<App> findCached(String domainId, String appId) {
        if (cacheSeconds <= 0) {
            return find(domainId, appId);
        }
        java.time.Instant now = clock.instant();
        CachedApp cached = cache.get(domainId + "\u0000" + appId);
        if (cached != null && cached.readAt().plusSeconds(cacheSeconds).isAfter(now)) {
            return cached.app();
        }
        Optional<App> fresh = find(domainId, appId);
        if (fresh.isEmpty()) {
            return fresh; // misses are not kept: made-up client ids must not crowd out real apps
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(domainId + "\u0000" + appId, new CachedApp(fresh, now));
        return fresh;
    }

    private record CachedApp(Optional<App> app, java.time.Instant readAt) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, CachedApp> cache = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "lanyard.apps.cache-seconds", defaultValue = "5")
    long cacheSeconds;

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

    /** One page of apps in creation order, after the app with internal id {@code afterId} (null: from the start). */
    public List<App> pageAfter(String domainId, Long afterId, int max) {
        return em.createQuery("select a from App a where a.domainId = :d and a.id > :after order by a.id", App.class)
                .setParameter("d", domainId).setParameter("after", afterId == null ? Long.MIN_VALUE : afterId)
                .setMaxResults(max).getResultList();
    }

    /** Whether another app of the domain has this name (names are unique per domain). */
    public boolean nameTaken(String domainId, String name, String exceptAppId) {
        return em.createQuery("select count(a) from App a where a.domainId = :d and a.name = :n and a.appId <> :except", Long.class)
                .setParameter("d", domainId).setParameter("n", name).setParameter("except", exceptAppId == null ? "" : exceptAppId)
                .getSingleResult() > 0;
    }

    /** Another app of the domain has the name asked for. */
    public static class NameTaken extends RuntimeException {
        public NameTaken() {
            super("an app of this domain has this name", null, false, false);
        }
    }

    /** A registered app with its secret in plain text (WebServer apps; null for the others), to be shown this once. */
    public record Registered(App app, String secret) {
    }

    /**
     * Registers an app under a new random id, as the API and the console do, in one transaction with the user systems
     * its users may sign in with (empty: all the domain enables) and its JWT public keys (kid to PEM; empty for the
     * other types): a WebServer app gets a secret, which is stored as a hash and
     * answered once.
     *
     * @throws NameTaken when another app of the domain has this name
     */
    @Transactional
    public Registered register(String domainId, String name, AppType type, List<String> redirectUris, List<String> scopes,
                               List<String> userSystems, boolean firstParty, java.util.Map<String, String> publicKeys) {
        if (nameTaken(domainId, name, null)) {
            throw new NameTaken();
        }
        String secret = type == AppType.WEB_SERVER ? OpaqueSecrets.newSecret() : null;
        App app = create(domainId, OpaqueSecrets.newId(), name, type, redirectUris, scopes, firstParty,
                secret == null ? null : OpaqueSecrets.sha256Hex(secret));
        if (!publicKeys.isEmpty()) {
            app.replacePublicKeys(publicKeys, clock.instant());
        }
        if (!userSystems.isEmpty()) {
            app.configure(name, type, redirectUris, scopes, userSystems, firstParty, app.getAccessTokenSeconds(),
                    app.getRefreshTokenSeconds(), app.getStatus(), clock.instant());
        }
        return new Registered(app, secret);
    }

    /** A new secret for a WebServer app, stored as a hash and answered once; empty when there is no such app. */
    @Transactional
    public Optional<String> regenerateSecret(String domainId, String appId) {
        String secret = OpaqueSecrets.newSecret();
        return change(domainId, appId, app -> {
            if (app.getType() != AppType.WEB_SERVER) {
                throw new IllegalArgumentException("only WebServer apps have a secret");
            }
            app.setSecretHash(OpaqueSecrets.sha256Hex(secret), clock.instant());
        }).map(app -> secret);
    }

    /** A new app; {@code secretHash} for WebServer apps, else null. */
    @Transactional
    public App create(String domainId, String appId, String name, AppType type, List<String> redirectUris, List<String> scopes,
                      boolean firstParty, String secretHash) {
        App app = new App(domainId, appId, name, type, clock.instant());
        app.configure(name, type, redirectUris, scopes, List.of(), firstParty, App.DEFAULT_ACCESS_TOKEN_SECONDS,
                App.DEFAULT_REFRESH_TOKEN_SECONDS, AppStatus.ENABLED, clock.instant());
        app.setSecretHash(secretHash, clock.instant());
        em.persist(app);
        em.flush();
        forgetCachedAfterCommit();
        return app;
    }

    /** Changes an app in one transaction ({@code change} may throw to refuse); the token endpoint's cache forgets it. */
    @Transactional
    public Optional<App> change(String domainId, String appId, java.util.function.Consumer<App> change) {
        Optional<App> app = find(domainId, appId);
        app.ifPresent(change);
        forgetCachedAfterCommit();
        return app;
    }

    @Transactional
    public boolean delete(String domainId, String appId) {
        Optional<App> app = find(domainId, appId);
        app.ifPresent(em::remove);
        forgetCachedAfterCommit();
        return app.isPresent();
    }

    /**
     * Empties this node's app cache once the current transaction ends (for a change made in it): emptied before, a
     * concurrent read could cache the old row again for {@code cache-seconds}, and a disabled app or a removed key
     * would go on working.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forgetCachedAfterCommit() {
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.clear();
            }
        });
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
