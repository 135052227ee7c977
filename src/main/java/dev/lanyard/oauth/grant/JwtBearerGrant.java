package dev.lanyard.oauth.grant;

import dev.lanyard.assertion.AssertionRefused;
import dev.lanyard.assertion.AssertionVerifier;
import dev.lanyard.audit.AuditLog;
import dev.lanyard.oauth.OAuthException;
import dev.lanyard.security.FirstUseBatches;
import dev.lanyard.security.ReplayGuard;
import dev.lanyard.token.Issuers;
import dev.lanyard.token.TokenService;
import dev.lanyard.user.RecentUsers;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer (RFC 7523): a JWT app signs an assertion for one of its
 * users (sub_type=user) or for the domain's service account (sub_type=service) and gets an access token without the
 * user present. The assertion authenticates the app, so the token endpoint does not. No refresh token: the app can
 * sign a new assertion at any time. Every token is audited as minted on the user's behalf. Superadmins (and the
 * service account) are only for apps allowed service tokens, which only a superadmin can set up.
 * <p>
 * The assertion's jti is recorded as used whatever the answer once the assertion is valid, so it works once. For a
 * user who exists (and for the service account) the jti and the audit event are committed together, in a batch with
 * those of concurrent grants ({@link FirstUseBatches}) that may be written while the token is signed, and only then is
 * the token answered. A user created on the fly, the jti and the audit events commit in one transaction of their own.
 * A refusal found before signing records the jti in its own transaction. A user this node minted for recently is not
 * read before the token is signed, but in the batch ({@link RecentUsers}); what that read finds decides the answer,
 * and a refusal found there has its jti recorded in the batch, with no audit event.
 */
@ApplicationScoped
public class JwtBearerGrant implements GrantHandler {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Inject
    AssertionVerifier assertions;

    @Inject
    TokenService tokens;

    @Inject
    UserService users;

    @Inject
    Issuers issuers;

    @Inject
    AuditLog audit;

    @Inject
    ReplayGuard replays;

    @Inject
    FirstUseBatches firstUses;

    @Inject
    RecentUsers recentUsers;

    /** This bean through its proxy: creating a user on the fly is a transaction of its own. */
    @Inject
    JwtBearerGrant self;

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public boolean authenticatesClient() {
        return false;
    }

    @Override
    public Result handle(GrantRequest request) {
        AssertionVerifier.Verified verified;
        try {
            verified = assertions.verify(request.domainId(), request.param("assertion"), request.param("client_id"),
                    issuers.issuerOf(request.domainId()) + "/v2/oauth/token");
        } catch (AssertionRefused refused) {
            throw OAuthException.invalidGrant(refused.getMessage());
        }
        if (verified.service()) {
            TokenService.IssuedTokens issued = signWhileCommittingFirstUse(verified, request.domainId(), "service", null,
                    () -> tokens.issueServiceToken(verified.app())).result();
            return new Result(issued, User.serviceAccountOf(request.domainId(), verified.app().getCreatedAt()));
        }
        String domainId = request.domainId();
        boolean mayCreate = verified.autoCreate() && verified.app().isAutoCreateUsers();
        // a user this node minted for recently is read in the batch, not first (RecentUsers); one the app may create
        // is always read first, so that a user deleted since is created again rather than refused
        Optional<User> remembered = mayCreate ? Optional.empty()
                : recentUsers.find(domainId, verified.subject()).filter(u -> refusal(verified, Optional.of(u)) == null);
        User signedFor;
        if (remembered.isPresent()) {
            signedFor = remembered.get();
        } else {
            Optional<User> found = users.find(domainId, verified.subject());
            if (found.isEmpty() && mayCreate) {
                return self.createUserAndMint(domainId, verified);
            }
            String refused = refusal(verified, found);
            if (refused != null) {
                useUp(verified);
                throw OAuthException.invalidGrant(refused);
            }
            signedFor = found.get();
        }
        FirstUseBatches.Committed<TokenService.IssuedTokens> committed = signWhileCommittingFirstUse(verified,
                signedFor.getUserId(), "jwt-bearer", new FirstUseBatches.UserCheck(signedFor.getUserId(),
                        u -> refusal(verified, Optional.of(u)) == null),
                () -> tokens.issueOnBehalf(verified.app(), signedFor, TokenService.scopeOf(verified.app())));
        String refused = refusal(verified, committed.user());
        if (refused != null) { // changed since this node read it: the jti is used, no audit event was written
            recentUsers.forget(domainId, signedFor.getUserId());
            throw OAuthException.invalidGrant(refused);
        }
        User user = committed.user().get();
        recentUsers.remember(user);
        TokenService.IssuedTokens issued = TokenService.signsAlike(signedFor, user) ? committed.result()
                : tokens.issueOnBehalf(verified.app(), user, TokenService.scopeOf(verified.app()));
        return new Result(issued, user, false);
    }

    /**
     * auto_create for a user who does not exist yet, if the app may: the jti, the user and the audit events in one
     * transaction; a refusal keeps the jti. Public for the interceptor (called through {@link #self}).
     */
    @Transactional(dontRollbackOn = OAuthException.class)
    public Result createUserAndMint(String domainId, AssertionVerifier.Verified verified) {
        useUp(verified);
        if (!USER_ID.matcher(verified.subject()).matches()) {
            throw OAuthException.invalidGrant("sub is not a valid user_id for a new user");
        }
        User user = users.register(domainId, verified.subject(), verified.nickName(), verified.avatar());
        audit.recordInTransaction(new AuditLog.Entry(domainId, "user.registered", user.getUserId(), verified.app().getAppId(),
                "jwt-bearer", null, null));
        TokenService.IssuedTokens issued = tokens.issueOnBehalf(verified.app(), user, TokenService.scopeOf(verified.app()));
        audit.recordInTransaction(event(domainId, verified, user.getUserId(), "jwt-bearer"));
        return new Result(issued, user, true);
    }

    /** Why the app may not have a token for this user (none: no such user), or null when it may. */
    private static String refusal(AssertionVerifier.Verified verified, Optional<User> found) {
        if (found.isEmpty()) {
            return verified.autoCreate() ? "this app may not create users" : "unknown user";
        }
        User user = found.get();
        if (!user.canSignIn()) {
            return "the user is disabled";
        }
        if (user.getRole() == Role.SUPERADMIN && !verified.app().isServiceTokens()) {
            // an admin can manage JWT apps and their keys; acting for a superadmin takes an app a superadmin trusted
            return "this app may not act for a superadmin";
        }
        return null;
    }

    /** Records the jti as used (in the caller's transaction, or one of its own); a replay is refused. */
    private void useUp(AssertionVerifier.Verified verified) {
        ReplayGuard.OneTimeValue jti = verified.jti();
        if (!replays.firstUse(jti.domainId(), jti.kind(), jti.value(), jti.keepUntil())) {
            throw OAuthException.invalidGrant(AssertionVerifier.ALREADY_USED);
        }
    }

    /**
     * Signs the token while the jti's first use and the token's audit event wait in line to be committed (with the
     * user read again there, when {@code check} names one), and returns the token with that user once they are; a
     * replay writes nothing and is refused.
     */
    private FirstUseBatches.Committed<TokenService.IssuedTokens> signWhileCommittingFirstUse(AssertionVerifier.Verified verified,
            String userId, String source, FirstUseBatches.UserCheck check, Supplier<TokenService.IssuedTokens> sign) {
        ReplayGuard.OneTimeValue jti = verified.jti();
        return firstUses.recordFirstUseWhile(new FirstUseBatches.Use(jti.domainId(), jti.kind(), jti.value(),
                        jti.keepUntil(), event(jti.domainId(), verified, userId, source), check), sign)
                .orElseThrow(() -> OAuthException.invalidGrant(AssertionVerifier.ALREADY_USED));
    }

    private static AuditLog.Entry event(String domainId, AssertionVerifier.Verified verified, String userId, String source) {
        return new AuditLog.Entry(domainId, "token.on_behalf", userId, verified.app().getAppId(), source, null, null);
    }
}
