package dev.lanyard.domain;

import dev.lanyard.config.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/** Reads domains and resolves the domain of a request. */
@ApplicationScoped
public class DomainService {

    @PersistenceContext
    EntityManager em;

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    ServerSettings serverSettings;

    @Inject
    dev.lanyard.security.SecretCipher cipher;

    public Optional<Domain> find(String domainId) {
        return Optional.ofNullable(em.find(Domain.class, domainId));
    }

    /** Domains in id order after {@code afterId} (null: from the first), at most {@code max}. */
    public List<Domain> pageAfter(String afterId, int max) {
        return em.createQuery("select d from Domain d where d.domainId > :after order by d.domainId", Domain.class)
                .setParameter("after", afterId == null ? "" : afterId).setMaxResults(max).getResultList();
    }

    public boolean exists(String domainId) {
        return find(domainId).isPresent();
    }

    public String domainIdOf(HttpServletRequest request) {
        DomainResolver resolver = new DomainResolver(serverSettings.hostSuffix(), serverSettings.defaultDomainId());
        return resolver.resolve(request.getHeader("Host"), this::exists);
    }

    public List<UserSystemConfig> userSystems(String domainId) {
        return em.createQuery("select c from UserSystemConfig c where c.domainId = :d order by c.userSystem", UserSystemConfig.class)
                .setParameter("d", domainId)
                .getResultList();
    }

    /**
     * The saved settings of a user system with their secrets opened, for use in memory only (an empty object when the
     * system has a row but no settings); empty when it has no row, or when {@code enabledOnly} and it is switched off.
     * The one reader of saved settings: sign-in, "Test connection" and "Send a test SMS" all come through here.
     */
    public Optional<jakarta.json.JsonObject> openedSettings(String domainId, String userSystem, boolean enabledOnly) {
        return userSystems(domainId).stream()
                .filter(c -> c.getUserSystem().equals(userSystem) && (c.isEnabled() || !enabledOnly)).findFirst()
                .map(c -> UserSystemSecrets.open(cipher, domainId, userSystem, c.getSettings()));
    }

    public boolean isUserSystemEnabled(String domainId, String userSystem) {
        return userSystems(domainId).stream().anyMatch(c -> c.getUserSystem().equals(userSystem) && c.isEnabled());
    }

    /**
     * Renames a domain and switches user systems on or off (their settings stay as imported), in one transaction;
     * {@code check} sees each system to enable with its stored settings and may throw to refuse.
     */
    @jakarta.transaction.Transactional
    public Optional<Domain> configure(String domainId, String name, java.util.Map<String, Boolean> enabled,
                                      java.util.function.BiConsumer<String, String> check) {
        Optional<Domain> domain = find(domainId);
        if (domain.isEmpty()) {
            return domain;
        }
        java.time.Instant now = clock.instant();
        if (name != null) {
            domain.get().rename(name, now);
        }
        enabled.forEach((system, on) -> {
            Optional<UserSystemConfig> config = userSystems(domainId).stream().filter(c -> c.getUserSystem().equals(system)).findFirst();
            String settings = config.map(UserSystemConfig::getSettings).orElse(null);
            if (on) {
                check.accept(system, settings);
            }
            if (config.isPresent()) {
                config.get().configure(on, settings, now);
            } else {
                em.persist(new UserSystemConfig(domainId, system, on, null, now));
            }
        });
        return domain;
    }

    /**
     * Stores new settings (secrets already sealed) for one user system of the domain, keeping whether it is enabled
     * (a new row starts disabled).
     */
    @jakarta.transaction.Transactional
    public void replaceSettings(String domainId, String system, String sealedSettings) {
        java.time.Instant now = clock.instant();
        Optional<UserSystemConfig> config = userSystems(domainId).stream().filter(c -> c.getUserSystem().equals(system)).findFirst();
        if (config.isPresent()) {
            config.get().configure(config.get().isEnabled(), sealedSettings, now);
        } else {
            em.persist(new UserSystemConfig(domainId, system, false, sealedSettings, now));
        }
    }
}
