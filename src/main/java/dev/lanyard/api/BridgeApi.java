package dev.lanyard.api;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.bridge.UpstreamBridge;
import dev.lanyard.bridge.UpstreamSettings;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /v2/bridge/token}: the signed-in user's token at the domain's upstream PDS-compatible service
 * (docs/third-party.md). The answer is the upstream's token response as it came; a refusal upstream is
 * {@code 502 Upstream.Refused} naming the upstream's status and code, an upstream that does not answer in time is
 * {@code 504 Upstream.Unavailable}.
 */
@Path("bridge")
@RequestScoped
public class BridgeApi {

    private static final Logger LOG = Logger.getLogger(BridgeApi.class.getName());

    @Inject
    SecurityContext securityContext;

    @Inject
    UpstreamBridge bridge;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    @Context
    HttpServletRequest request;

    @POST
    @Path("token")
    @Produces(MediaType.APPLICATION_JSON)
    public Response token() {
        LanyardPrincipal caller = ApiCaller.require(securityContext);
        if (caller.getVia() != LanyardPrincipal.Via.USER) {
            // not for servers or the service account (no user), nor third-party apps (the upstream token is unrestricted)
            throw new PdsException(403, "ForbiddenNoPermission",
                    "the bridge gives a user signed in to a first-party app its own upstream token");
        }
        UpstreamSettings upstream;
        try {
            upstream = bridge.settings(caller.getDomainId()).orElseThrow(() -> PdsException.notFound("Upstream"));
        } catch (IllegalArgumentException unusable) {
            LOG.warning(() -> "The upstream settings of domain " + caller.getDomainId() + " are not usable: " + unusable.getMessage());
            throw new PdsException(500, "InternalError", "the domain's upstream is not usable");
        }
        UpstreamBridge.Answer answer;
        try {
            answer = bridge.tokenFor(upstream, caller.getUserId());
        } catch (ProcessingException unreachable) {
            LOG.log(Level.INFO, "The upstream of domain " + caller.getDomainId() + " did not answer", unreachable);
            throw new PdsException(504, "Upstream.Unavailable", "the upstream service did not answer in time", 5);
        }
        return switch (answer) {
            case UpstreamBridge.Answer.Token token -> {
                audit.record(new AuditLog.Entry(caller.getDomainId(), "token.bridged", caller.getUserId(), null, token.via(),
                        clientAddresses.of(request), upstream.domainId()));
                yield Response.ok(token.tokenResponse().toString()).header("Cache-Control", "no-store").build();
            }
            case UpstreamBridge.Answer.Refused refused -> {
                LOG.info(() -> "The upstream of domain " + caller.getDomainId() + " refused (" + refused.via() + "): HTTP "
                        + refused.status() + " " + refused.code());
                throw new PdsException(502, "Upstream.Refused", "the upstream service answered HTTP " + refused.status()
                        + " " + refused.code());
            }
        };
    }
}
