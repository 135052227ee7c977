package dev.lanyard.usersystem.federation;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.user.Identity;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Lanyard users behind external identities: found by (type, key), created with one when the domain allows it,
 * linked to a signed-in user, unlinked unless it is the user's last way in. Each is one transaction.
 */
@ApplicationScoped
public class FederatedAccounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    UserService users;

    @Inject
    Clock clock;

    /** The user of a signed-in identity, and whether this sign-in created them. */
    public record Resolved(User user, boolean registered) {
    }

    /** The user an identity belongs to, if any. */
    public Optional<User> userOf(String domainId, String userSystem, String key) {
        return users.findIdentity(domainId, userSystem, key).map(Identity::getUser);
    }

    /**
     * The user this identity signs in as. A new user (with the provider's name and picture) when there is none and
     * {@code autoCreate}; a concurrent first sign-in of the same identity makes this fail on the identity's unique
     * key, and the caller tries once more (then it finds the other one's user).
     */
    @Transactional
    public Resolved signIn(String domainId, String userSystem, ExternalIdentity identity, boolean autoCreate) {
        Optional<Identity> existing = users.findIdentity(domainId, userSystem, identity.key());
        if (existing.isPresent()) {
            User user = existing.get().getUser();
            if (!user.canSignIn()) {
                throw new FederationException(FederationFailure.USER_DISABLED, "user " + user.getUserId() + " is disabled");
            }
            existing.get().describe(describe(identity));
            return new Resolved(user, false);
        }
        if (!autoCreate) {
            throw new FederationException(FederationFailure.NOT_LINKED, "no user has this " + userSystem + " identity");
        }
        User user = new User(domainId, UserService.newUserId(), clip(identity.displayName(), 128), Role.USER, clock.instant());
        user.adoptAvatar(clip(identity.avatarUrl(), 1024), clock.instant());
        em.persist(user);
        Identity created = new Identity(user, userSystem, identity.key(), null, clock.instant());
        created.describe(describe(identity));
        em.persist(created);
        em.flush();
        return new Resolved(user, true);
    }

    /**
     * Adds the identity to a user: nothing changes when it is theirs already; it cannot be taken from another user,
     * and a user has at most one identity of each provider.
     */
    @Transactional
    public void link(String domainId, String userSystem, ExternalIdentity identity, String userId) {
        Optional<Identity> existing = users.findIdentity(domainId, userSystem, identity.key());
        if (existing.isPresent()) {
            if (!existing.get().getUser().getUserId().equals(userId)) {
                throw new FederationException(FederationFailure.ALREADY_LINKED, "the " + userSystem + " identity belongs to another user");
            }
            return;
        }
        User user = users.find(domainId, userId).filter(User::canSignIn)
                .orElseThrow(() -> new FederationException(FederationFailure.USER_DISABLED, "user " + userId + " cannot sign in"));
        em.lock(user, LockModeType.PESSIMISTIC_WRITE);
        if (identitiesOf(user).stream().anyMatch(i -> i.getType().equals(userSystem))) {
            throw new FederationException(FederationFailure.ALREADY_HAS_ONE, "the user already has a " + userSystem + " identity");
        }
        Identity created = new Identity(user, userSystem, identity.key(), null, clock.instant());
        created.describe(describe(identity));
        em.persist(created);
        em.flush();
    }

    /**
     * Removes one of a user's identities unless it is the last one they can sign in with (a password, or a user
     * system the domain enables): with the user's row locked, so two unlinks at once cannot leave the user with none.
     * False when the user has no such identity.
     */
    @Transactional
    public boolean unlink(String domainId, String userId, long identityId, Set<String> usableSystems) {
        Optional<User> user = users.find(domainId, userId);
        if (user.isEmpty()) {
            return false;
        }
        em.lock(user.get(), LockModeType.PESSIMISTIC_WRITE);
        List<Identity> identities = identitiesOf(user.get());
        Optional<Identity> target = identities.stream().filter(i -> i.getId() == identityId).findFirst();
        if (target.isEmpty()) {
            return false;
        }
        long othersUsable = identities.stream().filter(i -> i.getId() != identityId)
                .filter(i -> usableSystems.contains(i.getType())).count();
        if (othersUsable == 0) {
            throw new FederationException(FederationFailure.LAST_METHOD, "the user's last way to sign in");
        }
        em.remove(target.get());
        return true;
    }

    /** A user's sign-in identities, oldest first. */
    public List<Identity> identitiesOf(User user) {
        return em.createQuery("select i from Identity i where i.user.id = :user order by i.createdAt, i.id", Identity.class)
                .setParameter("user", user.getId()).getResultList();
    }

    private static String describe(ExternalIdentity identity) {
        var json = JSON.createObjectBuilder();
        if (identity.displayName() != null) {
            json.add("name", clip(identity.displayName(), 200));
        }
        return json.build().toString();
    }

    private static String clip(String value, int max) {
        return value == null || value.isBlank() ? null : value.length() <= max ? value : value.substring(0, max);
    }
}
