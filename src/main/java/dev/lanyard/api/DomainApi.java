package dev.lanyard.api;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.config.ServerSettings;
import dev.lanyard.domain.Domain;
import dev.lanyard.domain.DomainService;
import dev.lanyard.domain.UserSystemSecrets;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.security.SecretCipher;
import dev.lanyard.setup.DomainExporter;
import dev.lanyard.setup.DomainImporter;
import dev.lanyard.setup.ImportException;
import dev.lanyard.setup.ImportParser;
import dev.lanyard.setup.SecretReferences;
import dev.lanyard.setup.UserSystemSettingsRules;
import dev.lanyard.user.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Declarative set-up over the API (superadmin): import a domain file, export the caller's domain in the same format;
 * read and switch the caller's domain. Other domains only for the platform's superadmins (see {@link #requireMayReach}).
 */
@Path("domain")
@RequestScoped
public class DomainApi {

    @Inject
    SecurityContext securityContext;

    @Inject
    DomainImporter importer;

    @Inject
    DomainExporter exporter;

    @Inject
    DomainService domains;

    @Inject
    SecretCipher cipher;

    @Inject
    AuditLog audit;

    @Inject
    ServerSettings serverSettings;

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String importDomain(String body) {
        LanyardPrincipal caller = requireSuperadmin();
        if (body == null || body.length() > 5_000_000) {
            throw new PdsException(400, "InvalidParameter", "the import file is missing or larger than 5 MB");
        }
        try {
            // references to the server's environment and files are an operator's tool: not resolved for API callers
            var spec = new ImportParser("request", new SecretReferences(name -> null)).parse(body);
            requireMayReach(caller, spec.domainId());
            DomainImporter.Report report = importer.apply(spec);
            return JSON.createObjectBuilder().add("domain_id", report.domainId()).add("created", report.created())
                    .add("updated", report.updated()).add("deleted", report.deleted()).build().toString();
        } catch (ImportException e) {
            throw new PdsException(400, "InvalidParameter", e.getMessage());
        }
    }

    @GET
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    public String exportDomain() {
        return exporter.export(requireSuperadmin().getDomainId()).toString();
    }

    /**
     * {@code POST /v2/domain/get} {domain_id?}: the domain and which user systems it enables; administrators see their
     * own domain, the platform's superadmins any.
     */
    @POST
    @Path("get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String get(String text) {
        LanyardPrincipal caller = ApiCaller.requireAdministrator(securityContext);
        String domainId = domainAsked(caller, JsonBody.parse(text));
        Domain domain = domains.find(domainId).orElseThrow(() -> PdsException.notFound("Domain"));
        return json(domain).build().toString();
    }

    /**
     * {@code POST /v2/domain/update} {domain_id?, name?, user_systems: {mobile: true, ...}}: rename, and switch user
     * systems on or off; one whose settings are missing or unusable cannot be switched on (import them first).
     */
    @POST
    @Path("update")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String update(String text) {
        // switching sign-in methods can lock every administrator out: a superadmin's decision
        LanyardPrincipal caller = requireSuperadmin();
        JsonBody body = JsonBody.parse(text);
        String domainId = domainAsked(caller, body);
        String name = body.has("name") ? body.required("name", 200) : null;
        Map<String, Boolean> switches = new LinkedHashMap<>();
        if (body.json().get("user_systems") instanceof JsonObject systems) {
            systems.forEach((system, on) -> {
                if (!UserSystemSettingsRules.exists(system)) {
                    throw JsonBody.invalid("user_systems", "has an unknown user system " + system);
                }
                if (on != JsonValue.TRUE && on != JsonValue.FALSE) {
                    throw JsonBody.invalid("user_systems", "maps each user system to true or false");
                }
                switches.put(system, on == JsonValue.TRUE);
            });
        } else if (body.has("user_systems")) {
            throw JsonBody.invalid("user_systems", "must be an object");
        }
        Domain domain = domains.configure(domainId, name, switches, (system, stored) -> {
            String problem = UserSystemSettingsRules.problemWith(system,
                    UserSystemSecrets.openedForCheck(cipher, domainId, system, stored));
            if (problem != null) {
                throw new PdsException(400, "InvalidParameter.UserSystems", system + " cannot be enabled: " + problem
                        + " (import its settings first)");
            }
        }).orElseThrow(() -> PdsException.notFound("Domain"));
        audit.record(new AuditLog.Entry(domainId, "domain.updated", null, null, caller.getName(), null, null));
        return json(domain).build().toString();
    }

    private String domainAsked(LanyardPrincipal caller, JsonBody body) {
        String domainId = body.string("domain_id", 64);
        if (domainId == null) {
            return caller.getDomainId();
        }
        requireMayReach(caller, domainId);
        return domainId;
    }

    /**
     * Administrators manage their own domain; other domains (and new ones) are for the platform's operators only: the
     * superadmins of the server's default domain. A tenant's superadmin never reaches another tenant.
     */
    private void requireMayReach(LanyardPrincipal caller, String domainId) {
        if (domainId.equals(caller.getDomainId())) {
            return;
        }
        if (caller.getRole() != Role.SUPERADMIN || !caller.getDomainId().equals(serverSettings.defaultDomainId())) {
            throw new PdsException(403, "ForbiddenNoPermission", "only the platform's superadmins reach other domains");
        }
    }

    private JsonObjectBuilder json(Domain domain) {
        JsonObjectBuilder systems = JSON.createObjectBuilder();
        domains.userSystems(domain.getDomainId()).forEach(c -> systems.add(c.getUserSystem(), c.isEnabled()));
        return JSON.createObjectBuilder().add("domain_id", domain.getDomainId()).add("name", domain.getName())
                .add("status", domain.getStatus().name().toLowerCase(java.util.Locale.ROOT))
                .add("user_systems", systems)
                .add("created_at", domain.getCreatedAt().toEpochMilli()).add("updated_at", domain.getUpdatedAt().toEpochMilli());
    }

    /** The export as a POST too: AccessKey-signed calls are always POSTs, as in PDS. */
    @POST
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    public String exportDomainByPost() {
        return exportDomain();
    }

    private LanyardPrincipal requireSuperadmin() {
        return ApiCaller.requireSuperadmin(securityContext);
    }
}
