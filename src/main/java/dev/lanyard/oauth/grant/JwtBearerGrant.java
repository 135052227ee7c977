package dev.lanyard.oauth.grant;

import dev.lanyard.assertion.AssertionRefused;
import dev.lanyard.assertion.AssertionVerifier;
import dev.lanyard.audit.AuditLog;
import dev.lanyard.oauth.OAuthException;
import dev.lanyard.token.Issuers;
import dev.lanyard.token.TokenService;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer (RFC 7523): a JWT app signs an assertion for one of its
 * users (sub_type=user) or for the domain's service account (sub_type=service) and gets an access token without the
 * user present. The assertion authenticates the app, so the token endpoint does not. No refresh token: the app can
 * sign a new assertion at any time. Every token is audited as minted on the user's behalf. Superadmins (and the
 * service account) are only for apps allowed service tokens, which only a superadmin can set up.
 * <p>
 * One transaction per grant: the used jti, a user created on the fly, and the audit events commit together (one
 * database commit per token). A refusal after the jti check still commits the jti, so the assertion stays used up.
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

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public boolean authenticatesClient() {
        return false;
    }

    @Override
    @Transactional(dontRollbackOn = OAuthException.class)
    public Result handle(GrantRequest request) {
        AssertionVerifier.Verified verified;
        try {
            verified = assertions.verify(request.domainId(), request.param("assertion"), request.param("client_id"),
                    issuers.issuerOf(request.domainId()) + "/v2/oauth/token");
        } catch (AssertionRefused refused) {
            throw OAuthException.invalidGrant(refused.getMessage());
        }
        if (verified.service()) {
            TokenService.IssuedTokens issued = tokens.issueServiceToken(verified.app());
            record(request.domainId(), verified, request.domainId(), "service");
            return new Result(issued, User.serviceAccountOf(request.domainId(), verified.app().getCreatedAt()));
        }
        boolean created = false;
        Optional<User> found = users.find(request.domainId(), verified.subject());
        User user;
        if (found.isPresent()) {
            user = found.get();
        } else if (verified.autoCreate() && verified.app().isAutoCreateUsers()) {
            if (!USER_ID.matcher(verified.subject()).matches()) {
                throw OAuthException.invalidGrant("sub is not a valid user_id for a new user");
            }
            user = users.register(request.domainId(), verified.subject(), verified.nickName(), verified.avatar());
            created = true;
            audit.recordInTransaction(new AuditLog.Entry(request.domainId(), "user.registered", user.getUserId(), verified.app().getAppId(),
                    "jwt-bearer", null, null));
        } else {
            throw OAuthException.invalidGrant(verified.autoCreate() ? "this app may not create users" : "unknown user");
        }
        if (!user.canSignIn()) {
            throw OAuthException.invalidGrant("the user is disabled");
        }
        if (user.getRole() == Role.SUPERADMIN && !verified.app().isServiceTokens()) {
            // an admin can manage JWT apps and their keys; acting for a superadmin takes an app a superadmin trusted
            throw OAuthException.invalidGrant("this app may not act for a superadmin");
        }
        TokenService.IssuedTokens issued = tokens.issueOnBehalf(verified.app(), user, TokenService.scopeOf(verified.app()));
        record(request.domainId(), verified, user.getUserId(), "jwt-bearer");
        return new Result(issued, user, created);
    }

    private void record(String domainId, AssertionVerifier.Verified verified, String userId, String source) {
        audit.recordInTransaction(new AuditLog.Entry(domainId, "token.on_behalf", userId, verified.app().getAppId(), source, null, null));
    }
}
