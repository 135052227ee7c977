package dev.lanyard.api;

import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.setup.DomainExporter;
import dev.lanyard.setup.DomainImporter;
import dev.lanyard.setup.ImportException;
import dev.lanyard.setup.ImportParser;
import dev.lanyard.setup.SecretReferences;
import dev.lanyard.user.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import static dev.lanyard.config.JsonSupport.JSON;

/** Declarative set-up over the API (superadmin): import a domain file, export the caller's domain in the same format. */
@Path("domain")
@RequestScoped
public class DomainApi {

    @Inject
    SecurityContext securityContext;

    @Inject
    DomainImporter importer;

    @Inject
    DomainExporter exporter;

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String importDomain(String body) {
        requireSuperadmin();
        if (body == null || body.length() > 5_000_000) {
            throw new PdsException(400, "InvalidParameter", "the import file is missing or larger than 5 MB");
        }
        try {
            // references to the server's environment and files are an operator's tool: not resolved for API callers
            var spec = new ImportParser("request", new SecretReferences(name -> null)).parse(body);
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

    private LanyardPrincipal requireSuperadmin() {
        LanyardPrincipal caller = ApiCaller.require(securityContext);
        if (caller.getRole() != Role.SUPERADMIN) {
            throw PdsException.forbidden();
        }
        return caller;
    }
}
