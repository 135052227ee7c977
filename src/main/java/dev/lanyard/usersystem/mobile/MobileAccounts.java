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
}
