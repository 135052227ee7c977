package dev.lanyard.api;

import dev.lanyard.accesskey.AccessKeyPrincipal;
import dev.lanyard.audit.AuditLog;
import dev.lanyard.oauth.TokenResponses;
import dev.lanyard.security.ApiAuthenticationFailure;
import dev.lanyard.security.FirstUseBatches;
import dev.lanyard.security.ReplayGuard;
import dev.lanyard.token.TokenService;
import dev.lanyard.user.RecentUsers;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Tokens a server mints for a user who is not present (PDS's get_access_token calls, signed with an AccessKey pair):
 * only for users who can sign in, never for a superadmin unless the key is a superadmin's (an admin key cannot make
 * itself more), and each one in the audit log as minted on the user's behalf, with the key that asked. The calls are
 * {@code POST /v2/user/get_access_token} ({@link GetAccessTokenEndpoint}) and
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

    @Inject
    FirstUseBatches firstUses;

    @Inject
    RecentUsers recentUsers;

    /**
     * The token response for the user {@code userId} of the key's domain ({@code 404 NotFound.User} when there is
     * none). The request's signature is recorded as used whatever the answer: a refused call cannot be tried again
     * with the same signature, e.g. after the user was created. The signature's first use and the token's audit event
     * are committed together, in a batch with those of concurrent calls ({@link FirstUseBatches}) that may be written
     * while the token is signed, and only then is the token answered. A replayed signature writes nothing (401).
     *
     * <p>A user this node minted for recently ({@link RecentUsers}) is not read first: the token is signed for the user
     * as remembered while the batch reads them, and the answer follows that read (gone: 404, refused: 403 with no
     * audit event, role or name changed: signed again). A user not remembered, or one the memory would refuse, is
     * read first, and a refusal then costs no signature.
     */
    public String mintForUser(AccessKeyPrincipal server, String userId, String clientAddress) {
        AccessKeyPrincipal.UnclaimedSignature signature = server.unclaimedSignature()
                .orElseThrow(() -> new IllegalStateException("get_access_token records the request's signature itself"));
        String domainId = server.getDomainId();
        Optional<User> remembered = recentUsers.find(domainId, userId).filter(u -> refusal(server, u) == null);
        User signedFor;
        if (remembered.isPresent()) {
            signedFor = remembered.get();
        } else {
            Optional<User> found = users.find(domainId, userId);
            PdsException refused = found.isEmpty() ? PdsException.notFound("User") : refusal(server, found.get());
            if (refused != null) {
                if (!replays.firstUse(domainId, signature.kind(), signature.value(), signature.keepUntil())) {
                    throw replayed();
                }
                throw refused;
            }
            signedFor = found.get();
        }
        FirstUseBatches.Committed<TokenService.IssuedTokens> committed = firstUses.recordFirstUseWhile(
                        new FirstUseBatches.Use(domainId, signature.kind(), signature.value(), signature.keepUntil(),
                                event(server, signedFor, clientAddress),
                                new FirstUseBatches.UserCheck(userId, u -> refusal(server, u) == null)),
                        () -> tokens.issueForAccessKey(domainId, server.getAccessKeyId(), signedFor))
                .orElseThrow(OnBehalfTokens::replayed);
        User user = committed.user().orElse(null);
        PdsException refused = user == null ? PdsException.notFound("User") : refusal(server, user);
        if (refused != null) { // changed since this node read it: the signature is used, no audit event was written
            recentUsers.forget(domainId, userId);
            throw refused;
        }
        recentUsers.remember(user);
        TokenService.IssuedTokens issued = TokenService.signsAlike(signedFor, user) ? committed.result()
                : tokens.issueForAccessKey(domainId, server.getAccessKeyId(), user);
        return TokenResponses.body(issued, user).build().toString();
    }

    /** The token response for {@code user}, or the PDS error that refuses it. Runs in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String mint(AccessKeyPrincipal server, User user, String clientAddress) {
        PdsException refused = refusal(server, user);
        if (refused != null) {
            throw refused;
        }
        TokenService.IssuedTokens issued = tokens.issueForAccessKey(server.getDomainId(), server.getAccessKeyId(), user);
        audit.recordInTransaction(event(server, user, clientAddress));
        return TokenResponses.body(issued, user).build().toString();
    }

    /** Why the key may not have a token for this user, or null when it may. */
    private static PdsException refusal(AccessKeyPrincipal server, User user) {
        if (!user.canSignIn()) {
            return new PdsException(403, "Forbidden.UserDisabled", "the user is disabled");
        }
        if (user.getRole() == Role.SUPERADMIN && server.getRole() != Role.SUPERADMIN) {
            return new PdsException(403, "ForbiddenNoPermission", "an admin AccessKey cannot get a superadmin's token");
        }
        return null;
    }

    private static AuditLog.Entry event(AccessKeyPrincipal server, User user, String clientAddress) {
        return new AuditLog.Entry(server.getDomainId(), "token.on_behalf", user.getUserId(), null, server.getName(),
                clientAddress, null);
    }

    private static PdsException replayed() {
        ApiAuthenticationFailure replayed = ApiAuthenticationFailure.replayedSignature();
        return new PdsException(replayed.status(), replayed.code(), replayed.message());
    }
}
