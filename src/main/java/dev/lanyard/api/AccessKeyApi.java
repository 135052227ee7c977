package dev.lanyard.api;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.accesskey.AccessKey;
import dev.lanyard.accesskey.AccessKeyService;
import dev.lanyard.accesskey.AccessKeyStatus;
import dev.lanyard.audit.AuditLog;
import dev.lanyard.security.ClientAddresses;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * A domain's AccessKey pairs, for its superadmins: {@code /v2/access_key/create|get|list|update|delete}. The secret
 * is answered once, at creation. Superadmins only: a key keeps working when the person who made it leaves or is
 * demoted, so only those who could do everything anyway hand one out. PDS keeps this in its console; the shapes
 * follow the rest of the API (snake_case, marker paging, PDS error codes).
 */
@Path("access_key")
@RequestScoped
public class AccessKeyApi {

    @Inject
    SecurityContext securityContext;

    @Inject
    AccessKeyService accessKeys;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest request;

    /** {role: admin | superadmin, description?}: the new key with its {@code access_key_secret}, shown this once. */
    @POST
    @Path("create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String text) {
        LanyardPrincipal caller = requireSuperadmin();
        JsonBody body = JsonBody.parse(text);
        Role role = role(body.required("role", 16));
        String description = body.string("description", AccessKeyService.MAX_DESCRIPTION);
        AccessKeyService.Created created;
        try {
            created = accessKeys.create(caller.getDomainId(), role, description);
        } catch (AccessKeyService.TooManyKeys full) {
            throw new PdsException(409, "QuotaExhausted.AccessKey", full.getMessage());
        }
        audited(caller, "access_key.created", created.key());
        return Response.ok(json(created.key()).add("access_key_secret", created.secret()).build().toString(), MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String get(String text) {
        LanyardPrincipal caller = requireSuperadmin();
        String id = JsonBody.parse(text).required("access_key_id", 64);
        return json(accessKeys.find(caller.getDomainId(), id).orElseThrow(() -> PdsException.notFound("AccessKey"))).build().toString();
    }

    @POST
    @Path("list")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String list(String text) {
        LanyardPrincipal caller = requireSuperadmin();
        Paging paging = Paging.of(JsonBody.parse(text));
        return paging.answerByKey(accessKeys.pageAfter(caller.getDomainId(), paging.afterKey(), paging.limit() + 1),
                AccessKeyApi::json, AccessKey::getAccessKeyId);
    }

    /** {access_key_id, role?, description?, status? (enabled | disabled)}: a disabled key is refused within seconds. */
    @POST
    @Path("update")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String update(String text) {
        LanyardPrincipal caller = requireSuperadmin();
        JsonBody body = JsonBody.parse(text);
        String id = body.required("access_key_id", 64);
        Role role = body.has("role") ? role(body.required("role", 16)) : null;
        boolean describes = body.has("description");
        String description = body.string("description", AccessKeyService.MAX_DESCRIPTION);
        AccessKeyStatus status = body.has("status") ? status(body.required("status", 16)) : null;
        AccessKey key = accessKeys.change(caller.getDomainId(), id, k -> k.update(role == null ? k.getRole() : role,
                        describes ? description : k.getDescription(), status == null ? k.getStatus() : status, clock.instant()))
                .orElseThrow(() -> PdsException.notFound("AccessKey"));
        audited(caller, "access_key.updated", key);
        return json(key).build().toString();
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(String text) {
        LanyardPrincipal caller = requireSuperadmin();
        String id = JsonBody.parse(text).required("access_key_id", 64);
        AccessKey key = accessKeys.find(caller.getDomainId(), id).orElseThrow(() -> PdsException.notFound("AccessKey"));
        if (!accessKeys.delete(caller.getDomainId(), id)) {
            throw PdsException.notFound("AccessKey");
        }
        audited(caller, "access_key.deleted", key);
        return Response.noContent().build();
    }

    private LanyardPrincipal requireSuperadmin() {
        return ApiCaller.requireSuperadmin(securityContext);
    }

    private static Role role(String value) {
        return switch (value) {
            case "admin" -> Role.ADMIN;
            case "superadmin" -> Role.SUPERADMIN;
            default -> throw JsonBody.invalid("role", "an AccessKey is admin or superadmin");
        };
    }

    private static AccessKeyStatus status(String value) {
        return switch (value) {
            case "enabled" -> AccessKeyStatus.ENABLED;
            case "disabled" -> AccessKeyStatus.DISABLED;
            default -> throw JsonBody.invalid("status", "must be enabled or disabled");
        };
    }

    private void audited(LanyardPrincipal caller, String event, AccessKey key) {
        audit.record(new AuditLog.Entry(caller.getDomainId(), event, null, null, caller.getName(), clientAddresses.of(request),
                key.auditDetail()));
    }

    static JsonObjectBuilder json(AccessKey key) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("domain_id", key.getDomainId())
                .add("access_key_id", key.getAccessKeyId())
                .add("role", key.getRole().wireName())
                .add("description", key.getDescription() == null ? "" : key.getDescription())
                .add("status", key.isEnabled() ? "enabled" : "disabled")
                .add("created_at", key.getCreatedAt().toEpochMilli())
                .add("updated_at", key.getUpdatedAt().toEpochMilli());
        if (key.getLastUsedAt() != null) {
            json.add("last_used_at", key.getLastUsedAt().toEpochMilli());
        } else {
            json.addNull("last_used_at");
        }
        return json;
    }
}
