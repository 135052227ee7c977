package dev.lanyard.usersystem.mobile;

import dev.lanyard.user.Identity;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import dev.lanyard.user.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/** The users behind mobile numbers: found by their mobile identity, or registered with one (user + identity in one transaction). */
@ApplicationScoped
public class MobileAccounts {

    @Inject
    UserService users;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public Optional<User> find(String domainId, PhoneNumbers.Phone phone) {
        return users.findIdentity(domainId, MobileSettings.USER_SYSTEM, phone.e164()).map(Identity::getUser);
    }

    /** A new user whose nick_name is the masked number; fails on the identity's unique key if the number was just registered. */
    @Transactional
    public User register(String domainId, PhoneNumbers.Phone phone) {
        User user = new User(domainId, UserService.newUserId(), phone.masked(), Role.USER, clock.instant());
        user.configure(phone.masked(), Role.USER, UserStatus.ENABLED, phone.e164(), null, clock.instant());
        em.persist(user);
        em.persist(new Identity(user, MobileSettings.USER_SYSTEM, phone.e164(), null, clock.instant()));
        em.flush();
        return user;
    }

    /**
     * Makes {@code phone} the user's only mobile identity and their phone, in one transaction.
     *
     * @return false when another user of the domain signs in with that number (nothing changes)
     */
    @Transactional
    public boolean replaceNumber(String domainId, String userId, PhoneNumbers.Phone phone) {
        Optional<Identity> holder = users.findIdentity(domainId, MobileSettings.USER_SYSTEM, phone.e164());
        if (holder.isPresent() && !holder.get().getUser().getUserId().equals(userId)) {
            return false;
        }
        User user = users.find(domainId, userId).orElseThrow(() -> new IllegalStateException("no such user"));
        em.lock(user, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE); // two changes of one user's number in turn
        if (holder.isEmpty()) {
            em.createQuery("delete from Identity i where i.user = :u and i.type = :t")
                    .setParameter("u", user).setParameter("t", MobileSettings.USER_SYSTEM).executeUpdate();
            em.persist(new Identity(user, MobileSettings.USER_SYSTEM, phone.e164(), null, clock.instant()));
        }
        user.configure(user.getNickName(), user.getRole(), user.getStatus(), phone.e164(), user.getEmail(), clock.instant());
        em.flush(); // a number registered meanwhile fails here, on the identities' unique key
        return true;
    }
}
