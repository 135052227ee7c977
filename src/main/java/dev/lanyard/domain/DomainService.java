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

    @Inject
    ServerSettings serverSettings;

    public Optional<Domain> find(String domainId) {
        return Optional.ofNullable(em.find(Domain.class, domainId));
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

    public boolean isUserSystemEnabled(String domainId, String userSystem) {
        return userSystems(domainId).stream().anyMatch(c -> c.getUserSystem().equals(userSystem) && c.isEnabled());
    }
}
