package dev.lanyard.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Users of a domain and the identities they sign in with. */
@ApplicationScoped
public class UserService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** A new random user_id: 128 bits as 32 hex characters, like PDS's. */
    public static String newUserId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Optional<User> find(String domainId, String userId) {
        return em.createQuery("select u from User u where u.domainId = :d and u.userId = :u", User.class)
                .setParameter("d", domainId).setParameter("u", userId)
                .getResultStream().findFirst();
    }

    public Optional<Identity> findIdentity(String domainId, String type, String value) {
        return em.createQuery("select i from Identity i join fetch i.user where i.domainId = :d and i.type = :t and i.value = :v", Identity.class)
                .setParameter("d", domainId).setParameter("t", type).setParameter("v", value)
                .getResultStream().findFirst();
    }

    public long count(String domainId) {
        return em.createQuery("select count(u) from User u where u.domainId = :d", Long.class)
                .setParameter("d", domainId).getSingleResult();
    }

    /** One page of users, newest last, never the whole table. */
    public List<User> page(String domainId, int first, int max) {
        return em.createQuery("select u from User u where u.domainId = :d order by u.createdAt, u.id", User.class)
                .setParameter("d", domainId)
                .setFirstResult(first).setMaxResults(max)
                .getResultList();
    }

    @Transactional
    public User create(String domainId, String userId, String nickName, Role role) {
        User user = new User(domainId, userId, nickName, role, clock.instant());
        em.persist(user);
        return user;
    }

    /** A new user whose account system is elsewhere (a JWT app's assertion with auto_create), with its name and picture. */
    @Transactional
    public User register(String domainId, String userId, String nickName, String avatar) {
        User user = new User(domainId, userId, nickName == null ? userId : clip(nickName, 128), Role.USER, clock.instant());
        user.adoptAvatar(avatar == null ? null : clip(avatar, 1024), clock.instant());
        em.persist(user);
        em.flush();
        return user;
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    @Transactional
    public Identity link(User user, String type, String value, String secretHash) {
        User managed = em.merge(user);
        Identity identity = new Identity(managed, type, value, secretHash, clock.instant());
        em.persist(identity);
        return identity;
    }

    @Transactional
    public void recordLogin(String domainId, String userId) {
        find(domainId, userId).ifPresent(u -> u.recordLogin(clock.instant()));
    }
}
