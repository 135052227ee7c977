package dev.lanyard.usersystem.password;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.security.Bulkhead;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.security.LoginThrottle;
import dev.lanyard.security.PasswordHasher;
import dev.lanyard.user.Identity;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Checks a {@link PasswordCredential} against the password identities of the domain. Unknown account, wrong password,
 * locked account and disabled user all give the same INVALID result after the same amount of hashing work, so none
 * of them can be told apart from outside. Every failure counts toward the account's lockout. Every attempt is an
 * audit event (login.success or login.failure with user system "password"), on both paths alike; the name typed
 * for an unknown account is not kept (it is often a password typed in the wrong field).
 */
@ApplicationScoped
public class PasswordIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(PasswordIdentityStore.class.getName());

    @Inject
    UserService users;

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    /** The current request (a CDI proxy): the sign-in's client address for the audit log. */
    @Inject
    HttpServletRequest request;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof PasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        char[] password = login.password().getValue();
        String accountKey = LoginThrottle.accountKey(login.username());
        if (accountKey.isEmpty() || password.length == 0) {
            hasher.verifyAgainstDummy(password);
            return CredentialValidationResult.INVALID_RESULT;
        }
        boolean locked = throttle.isLocked(login.domainId(), accountKey);
        Optional<Identity> identity = users.findIdentity(login.domainId(), PasswordLoginMethod.NAME, accountKey);
        boolean passwordMatches;
        if (identity.isPresent()) {
            passwordMatches = hasher.verify(password, identity.get().getSecretHash());
        } else {
            hasher.verifyAgainstDummy(password);
            passwordMatches = false;
        }
        User user = identity.map(Identity::getUser).orElse(null);
        if (locked || !passwordMatches || !user.canSignIn()) {
            throttle.recordFailure(login.domainId(), accountKey);
            LOG.info(() -> "Password sign-in refused in domain " + login.domainId() + (locked ? " (account locked)" : ""));
            String reason = user == null ? "unknown account" : locked ? "account locked" : !passwordMatches ? "wrong password" : "user disabled";
            record(login.domainId(), "login.failure", user == null ? null : user.getUserId(), reason);
            return CredentialValidationResult.INVALID_RESULT;
        }
        throttle.recordSuccess(login.domainId(), accountKey);
        if (hasher.needsRehash(identity.get().getSecretHash())) {
            try {
                users.replacePasswordHash(identity.get().getId(), hasher.hash(password));
            } catch (Bulkhead.Full busy) {
                // hashing is saturated: the sign-in stands, the rehash waits for the next one
            }
        }
        record(login.domainId(), "login.success", user.getUserId(), null);
        return new CredentialValidationResult(
                new LanyardPrincipal(user.getDomainId(), user.getUserId(), user.displayName(), user.getRole()),
                Set.of(user.getRole().wireName()));
    }

    private void record(String domainId, String event, String userId, String detail) {
        audit.record(new AuditLog.Entry(domainId, event, userId, null, PasswordLoginMethod.NAME, clientAddresses.of(request), detail));
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE);
    }
}
