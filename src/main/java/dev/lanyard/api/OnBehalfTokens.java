package dev.lanyard.api;

import dev.lanyard.accesskey.AccessKeyPrincipal;
import dev.lanyard.audit.AuditLog;
import dev.lanyard.oauth.TokenResponses;
import dev.lanyard.security.ApiAuthenticationFailure;
import dev.lanyard.security.ReplayGuard;
import dev.lanyard.token.TokenService;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Tokens a server mints for a user who is not present (PDS's get_access_token calls, signed with an AccessKey pair):
 * only for users who can sign in, never for a superadmin unless the key is a superadmin's (an admin key cannot make
 * itself more), and each one in the audit log as minted on the user's behalf, with the key that asked. The caller
 * reads the user in the same transaction as the audit event is written: one connection and one commit per token.
 * The calls are {@code POST /v2/user/get_access_token} ({@link GetAccessTokenEndpoint}) and
 * {@code /v2/account/get_access_token_by_link_info} ({@link AccountApi}).
 */
@ApplicationScoped
public class OnBehalfTokens {

    @Inject
    TokenService tokens;

    @Inject
    AuditLog audit;

    @Inject
    UserService users;

    @Inject
    ReplayGuard replays;

    /**
     * The token response for the user {@code userId} of the key's domain ({@code 404 NotFound.User} when there is
     * none): the request's signature recorded as used, the user read and the audit event in one transaction, so one
     * connection and one commit per token. A refusal still commits the signature's record: the same request signed
     * once cannot be tried again, e.g. after the user was created.
     */
    @Transactional(dontRollbackOn = PdsException.class)
    public String mintForUser(AccessKeyPrincipal server, String userId, String clientAddress) {
        server.unclaimedSignature().ifPresent(signature -> {
            if (!replays.firstUse(server.getDomainId(), signature.kind(), signature.value(), signature.keepUntil())) {
                ApiAuthenticationFailure replayed = ApiAuthenticationFailure.replayedSignature();
                throw new PdsException(replayed.status(), replayed.code(), replayed.message());
            }
        });
        User user = users.find(server.getDomainId(), userId).orElseThrow(() -> PdsException.notFound("User"));
        return mint(server, user, clientAddress);
    }

    /** The token response for {@code user}, or the PDS error that refuses it. Runs in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String mint(AccessKeyPrincipal server, User user, String clientAddress) {
        if (!user.canSignIn()) {
            throw new PdsException(403, "Forbidden.UserDisabled", "the user is disabled");
        }
        if (user.getRole() == Role.SUPERADMIN && server.getRole() != Role.SUPERADMIN) {
            throw new PdsException(403, "ForbiddenNoPermission", "an admin AccessKey cannot get a superadmin's token");
        }
        TokenService.IssuedTokens issued = tokens.issueForAccessKey(server.getDomainId(), server.getAccessKeyId(), user);
        audit.recordInTransaction(new AuditLog.Entry(server.getDomainId(), "token.on_behalf", user.getUserId(), null,
                server.getName(), clientAddress, null));
        return TokenResponses.body(issued, user).build().toString();
    }
}
