package dev.lanyard.setup;

import dev.lanyard.accesskey.AccessKey;
import dev.lanyard.accesskey.AccessKeyStatus;
import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.app.AppStatus;
import dev.lanyard.app.BasicUi;
import dev.lanyard.bridge.UpstreamBridge;
import dev.lanyard.domain.Domain;
import dev.lanyard.domain.UserSystemConfig;
import dev.lanyard.domain.UserSystemSecrets;
import dev.lanyard.security.PasswordHasher;
import dev.lanyard.security.SecretCipher;
import dev.lanyard.token.OpaqueSecrets;
import dev.lanyard.user.Identity;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import dev.lanyard.usersystem.password.PasswordLoginMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a {@link DomainSpec} in one transaction: creates what is missing, updates what differs, leaves what is equal
 * untouched (so a second run changes nothing), and deletes only from the lists the file prunes.
 */
@ApplicationScoped
public class DomainImporter {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppService apps;

    @Inject
    UpstreamBridge bridge;

    @Inject
    UserService users;

    @Inject
    PasswordHasher hasher;

    @Inject
    SecretCipher cipher;

    @Inject
    Clock clock;

    /** What an import did. */
    public record Report(String domainId, int created, int updated, int deleted) {
        public boolean changedNothing() {
            return created == 0 && updated == 0 && deleted == 0;
        }
    }

    /** A new domain from a spec, in one transaction; empty when the id is taken (nothing changes then). */
    @Transactional
    public Optional<Report> create(DomainSpec spec) {
        if (em.find(Domain.class, spec.domainId()) != null) {
            return Optional.empty();
        }
        return Optional.of(apply(spec));
    }

    @Transactional
    public Report apply(DomainSpec spec) {
        Instant now = clock.instant();
        Counter count = new Counter();
        apps.forgetCachedAfterCommit(); // an app the file disables or re-keys stops working on this node at once
        Domain domain = em.find(Domain.class, spec.domainId());
        if (domain == null) {
            domain = new Domain(spec.domainId(), spec.name() == null ? spec.domainId() : spec.name(), now);
            em.persist(domain);
            em.flush();
            count.created++;
        } else if (spec.name() != null && domain.rename(spec.name(), now)) {
            count.updated++;
        }
        applyUserSystems(spec, now, count);
        if (apps.find(spec.domainId(), BasicUi.APP_ID).isEmpty()) {
            apps.ensureBasicUi(spec.domainId());
        }
        applyApps(spec, now, count);
        applyUsers(spec, now, count);
        applyAccessKeys(spec, now, count);
        if (spec.upstreamJson() != null && bridge.declare(spec.domainId(), spec.upstreamJson())) {
            count.updated++;
        }
        return new Report(spec.domainId(), count.created, count.updated, count.deleted);
    }

    private void applyUserSystems(DomainSpec spec, Instant now, Counter count) {
        List<UserSystemConfig> existing = em.createQuery("select c from UserSystemConfig c where c.domainId = :d", UserSystemConfig.class)
                .setParameter("d", spec.domainId()).getResultList();
        spec.userSystems().forEach((name, system) -> {
            Optional<UserSystemConfig> found = existing.stream().filter(c -> c.getUserSystem().equals(name)).findFirst();
            String settings;
            try {
                settings = UserSystemSecrets.seal(cipher, spec.domainId(), name, system.settingsJson(),
                        found.map(UserSystemConfig::getSettings).orElse(null));
            } catch (IllegalArgumentException notOurs) {
                throw new ImportException("import", "$.user_systems." + name + ".settings",
                        "holds a sealed secret that this server's master key does not open");
            }
            if (found.isEmpty()) {
                em.persist(new UserSystemConfig(spec.domainId(), name, system.enabled(), settings, now));
                count.created++;
            } else if (found.get().configure(system.enabled(), settings, now)) {
                count.updated++;
            }
        });
    }

    private void applyApps(DomainSpec spec, Instant now, Counter count) {
        Set<String> named = new HashSet<>();
        for (DomainSpec.AppSpec a : spec.apps()) {
            named.add(a.appId());
            Optional<App> found = apps.find(spec.domainId(), a.appId());
            String name = a.name() != null ? a.name() : found.map(App::getName).orElse(a.appId());
            App app = found.orElseGet(() -> new App(spec.domainId(), a.appId(), name, a.type(), now));
            boolean changed = app.configure(name, a.type(), a.redirectUris(), a.scopes(), a.userSystems(), a.firstParty(),
                    a.accessTokenSeconds(), a.refreshTokenSeconds(), a.enabled() ? AppStatus.ENABLED : AppStatus.DISABLED, now);
            if (a.clientSecret() != null) {
                changed |= app.setSecretHash(OpaqueSecrets.sha256Hex(a.clientSecret()), now);
            }
            changed |= app.replacePublicKeys(a.publicKeys(), now);
            changed |= app.configureAssertions(a.jwksUrl(), a.serviceTokens(), a.autoCreateUsers(), now);
            if (found.isEmpty()) {
                em.persist(app);
                count.created++;
            } else if (changed) {
                count.updated++;
            }
        }
        if (spec.prune().apps()) {
            for (App app : apps.page(spec.domainId(), 0, Integer.MAX_VALUE)) {
                if (!app.isBuiltIn() && !named.contains(app.getAppId())) {
                    em.remove(em.contains(app) ? app : em.merge(app));
                    count.deleted++;
                }
            }
        }
    }

    private void applyUsers(DomainSpec spec, Instant now, Counter count) {
        Set<String> named = new HashSet<>();
        for (DomainSpec.UserSpec u : spec.users()) {
            named.add(u.userId());
            Optional<User> found = users.find(spec.domainId(), u.userId());
            User user;
            boolean changed;
            if (found.isEmpty()) {
                user = new User(spec.domainId(), u.userId(), u.nickName(), u.role(), now);
                user.configure(u.nickName(), u.role(), u.status(), u.phone(), u.email(), now);
                em.persist(user);
                count.created++;
                changed = false;
            } else {
                user = found.get();
                changed = user.configure(u.nickName(), u.role(), u.status(), u.phone(), u.email(), now);
            }
            if (u.password() != null) {
                changed |= setPassword(user, u.password(), now);
            }
            if (changed && found.isPresent()) {
                count.updated++;
            }
        }
        if (spec.prune().users()) {
            for (User user : users.page(spec.domainId(), 0, Integer.MAX_VALUE)) {
                if (!named.contains(user.getUserId())) {
                    em.remove(em.contains(user) ? user : em.merge(user));
                    count.deleted++;
                }
            }
        }
    }

    /** The password identity (login name = user_id); an unchanged password keeps its stored hash. */
    private boolean setPassword(User user, String password, Instant now) {
        String login = user.getUserId().toLowerCase(Locale.ROOT);
        Optional<Identity> identity = users.findIdentity(user.getDomainId(), PasswordLoginMethod.NAME, login);
        if (identity.isPresent()) {
            if (hasher.verify(password.toCharArray(), identity.get().getSecretHash())) {
                return false;
            }
            identity.get().replaceSecretHash(hasher.hash(password.toCharArray()));
            return true;
        }
        em.flush();
        em.persist(new Identity(user, PasswordLoginMethod.NAME, login, hasher.hash(password.toCharArray()), now));
        return true;
    }

    private void applyAccessKeys(DomainSpec spec, Instant now, Counter count) {
        Set<String> named = new HashSet<>();
        for (DomainSpec.AccessKeySpec k : spec.accessKeys()) {
            named.add(k.id());
            AccessKey key = em.find(AccessKey.class, k.id());
            AccessKeyStatus status = k.enabled() ? AccessKeyStatus.ENABLED : AccessKeyStatus.DISABLED;
            if (key != null && !key.getDomainId().equals(spec.domainId())) {
                throw new ImportException("import", "$.access_keys", "AccessKey id " + k.id() + " belongs to another domain");
            }
            if (key == null) {
                if (k.secret() == null) {
                    throw new ImportException("import", "$.access_keys", "a new AccessKey " + k.id() + " needs a secret");
                }
                AccessKey created = new AccessKey(k.id(), spec.domainId(), seal(k.id(), k.secret()), k.role(), k.description(), now);
                created.update(k.role(), k.description(), status, now); // a key declared disabled is created disabled
                em.persist(created);
                count.created++;
                continue;
            }
            boolean changed = key.update(k.role(), k.description(), status, now);
            if (k.secret() != null && !k.secret().equals(open(key))) {
                key.replaceSecret(seal(k.id(), k.secret()), now);
                changed = true;
            }
            if (changed) {
                count.updated++;
            }
        }
        if (spec.prune().accessKeys()) {
            for (AccessKey key : em.createQuery("select k from AccessKey k where k.domainId = :d", AccessKey.class)
                    .setParameter("d", spec.domainId()).getResultList()) {
                if (!named.contains(key.getAccessKeyId())) {
                    em.remove(key);
                    count.deleted++;
                }
            }
        }
    }

    private String seal(String id, String secret) {
        return cipher.encrypt(AccessKey.purpose(id), secret.getBytes(StandardCharsets.UTF_8));
    }

    private String open(AccessKey key) {
        return new String(cipher.decrypt(AccessKey.purpose(key.getAccessKeyId()), key.getSecretEncrypted()), StandardCharsets.UTF_8);
    }

    private static final class Counter {
        int created;
        int updated;
        int deleted;
    }
}
