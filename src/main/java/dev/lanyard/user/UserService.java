package dev.lanyard.user;

import dev.lanyard.security.BrowserSessions;
import dev.lanyard.token.RefreshTokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
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
    BrowserSessions browserSessions;

    @Inject
    Clock clock;

    @Inject
    RefreshTokenService refreshTokens;

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

    /** The users of the domain with these ids that exist (the group commit's check of a batch's users). */
    public List<User> findAll(String domainId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select u from User u where u.domainId = :d and u.userId in :ids", User.class)
                .setParameter("d", domainId).setParameter("ids", userIds)
                .getResultList();
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

    /** One page of users in creation order, after the user with internal id {@code afterId} (null: from the start). */
    public List<User> pageAfter(String domainId, Long afterId, int max) {
        return em.createQuery("select u from User u where u.domainId = :d and u.id > :after order by u.id", User.class)
                .setParameter("d", domainId).setParameter("after", afterId == null ? Long.MIN_VALUE : afterId)
                .setMaxResults(max).getResultList();
    }

    /**
     * One page of the users whose user_id, nick name, phone number or e-mail address contains {@code query} (case
     * insensitive; spaces and dashes in a phone number are ignored), in creation order after internal id
     * {@code afterId}. A blank query matches everyone.
     */
    public List<User> search(String domainId, String query, Long afterId, int max) {
        if (query == null || query.isBlank()) {
            return pageAfter(domainId, afterId, max);
        }
        String text = "%" + likeEscaped(query.trim().toLowerCase(java.util.Locale.ROOT)) + "%";
        String digits = query.replaceAll("[\\s()-]", "");
        return em.createQuery("select u from User u where u.domainId = :d and u.id > :after and (lower(u.userId) like :q escape '\\' "
                        + "or lower(u.nickName) like :q escape '\\' or lower(u.email) like :q escape '\\' "
                        + "or u.phone like :phone escape '\\') order by u.id", User.class)
                .setParameter("d", domainId).setParameter("after", afterId == null ? Long.MIN_VALUE : afterId)
                .setParameter("q", text).setParameter("phone", "%" + likeEscaped(digits) + "%")
                .setMaxResults(max).getResultList();
    }

    /** {@code value} with LIKE's wildcards taken literally. */
    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * "Revoke all sessions": ends the user's browser sessions on every node (they signed in before now) and revokes
     * every refresh token family, which also ends the access tokens issued from them, in one transaction.
     *
     * @return how many refresh token families were revoked, or empty when there is no such user
     */
    @Transactional
    public Optional<Integer> revokeSessions(String domainId, String userId) {
        Optional<User> user = find(domainId, userId);
        user.ifPresent(u -> u.revokeSessions(clock.instant()));
        user.ifPresent(u -> browserSessions.endAllOf(domainId, userId));
        return user.map(u -> refreshTokens.revokeAllOf(domainId, userId, "sessions_revoked"));
    }

    /** A user declared over the API; false when the user_id is taken. */
    @Transactional
    public Optional<User> createUser(String domainId, String userId, String nickName, Role role, UserStatus status, String phone,
                                     String email, String avatar) {
        if (find(domainId, userId).isPresent()) {
            return Optional.empty();
        }
        User user = new User(domainId, userId, nickName, role, clock.instant());
        user.configure(nickName, role, status, phone, email, clock.instant());
        user.adoptAvatar(avatar, clock.instant());
        em.persist(user);
        em.flush();
        return Optional.of(user);
    }

    /**
     * Changes a user in one transaction, with the domain's enabled superadmins locked so that no two changes together
     * leave the domain without one: {@code change} sees the user and may throw to refuse; afterwards at least one
     * enabled superadmin must remain, else {@link LastSuperadminException}.
     */
    @Transactional
    public Optional<User> change(String domainId, String userId, java.util.function.Consumer<User> change) {
        List<User> superadmins = lockedSuperadmins(domainId);
        Optional<User> user = find(domainId, userId);
        user.ifPresent(change);
        user.ifPresent(u -> keepOneSuperadmin(superadmins));
        return user;
    }

    /**
     * Deletes a user (its identities and refresh families go with it), unless it is the last enabled superadmin, after
     * {@code check} (which may throw to refuse) has seen the user as it is under this transaction's locks.
     */
    @Transactional
    public boolean delete(String domainId, String userId, java.util.function.Consumer<User> check) {
        List<User> superadmins = lockedSuperadmins(domainId);
        Optional<User> user = find(domainId, userId);
        if (user.isEmpty()) {
            return false;
        }
        em.lock(user.get(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        em.refresh(user.get());
        check.accept(user.get());
        if (superadmins.size() == 1 && superadmins.get(0).getId().equals(user.get().getId())) {
            throw new LastSuperadminException();
        }
        em.createQuery("delete from Identity i where i.user.id = :u").setParameter("u", user.get().getId()).executeUpdate();
        em.createQuery("update RefreshFamily f set f.revokedAt = :now, f.revokedReason = 'user_deleted' where f.domainId = :d "
                        + "and f.userId = :u and f.revokedAt is null")
                .setParameter("now", clock.instant()).setParameter("d", domainId).setParameter("u", userId).executeUpdate();
        em.remove(user.get());
        return true;
    }

    private List<User> lockedSuperadmins(String domainId) {
        return em.createQuery("select u from User u where u.domainId = :d and u.role = :r and u.status = :s", User.class)
                .setParameter("d", domainId).setParameter("r", Role.SUPERADMIN).setParameter("s", UserStatus.ENABLED)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    private static void keepOneSuperadmin(List<User> before) {
        if (!before.isEmpty() && before.stream().noneMatch(u -> u.getRole() == Role.SUPERADMIN && u.canSignIn())) {
            throw new LastSuperadminException();
        }
    }

    /** A change that would leave a domain without an enabled superadmin; nothing was changed. */
    public static class LastSuperadminException extends RuntimeException {
        public LastSuperadminException() {
            super("the domain's last enabled superadmin", null, false, false);
        }
    }

    /** A user's login identities, oldest first. */
    public List<Identity> identitiesOf(String domainId, String userId) {
        return em.createQuery("select i from Identity i join fetch i.user u where u.domainId = :d and u.userId = :u "
                        + "order by i.createdAt, i.id", Identity.class)
                .setParameter("d", domainId).setParameter("u", userId).getResultList();
    }

    /** Removes the identity of this type and value from the user it belongs to; false when there is none. */
    @Transactional
    public boolean unlinkIdentity(String domainId, String userId, String type, String value) {
        return em.createQuery("delete from Identity i where i.domainId = :d and i.type = :t and i.value = :v "
                        + "and i.user.id in (select u.id from User u where u.domainId = :d and u.userId = :u)")
                .setParameter("d", domainId).setParameter("t", type).setParameter("v", value).setParameter("u", userId)
                .executeUpdate() == 1;
    }

    @Transactional
    public Identity link(User user, String type, String value, String secretHash) {
        User managed = em.merge(user);
        Identity identity = new Identity(managed, type, value, secretHash, clock.instant());
        em.persist(identity);
        return identity;
    }

    /** Stores a new hash of the same password (made with the current iteration count). */
    @Transactional
    public void replacePasswordHash(long identityId, String newHash) {
        Identity identity = em.find(Identity.class, identityId);
        if (identity != null) {
            identity.replaceSecretHash(newHash);
        }
    }

    @Transactional
    public void recordLogin(String domainId, String userId) {
        find(domainId, userId).ifPresent(u -> u.recordLogin(clock.instant()));
    }
}
