package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Domains chosen by Host, sessions confined to their domain, and the health endpoints. */
@ExtendWith(SharedServer.class)
class DomainAndHealthIT {

    private final LanyardServer server;
    private final TestDatabase database;

    DomainAndHealthIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @Test
    void hostNamingADomainSelectsItAndAnUnknownHostFallsBackToTheDefault() throws Exception {
        database.createDomain("acme", "Acme Corp");
        assertThat(new WebSession(server, "acme" + SharedServer.HOST_SUFFIX).page("/").getElementById("login-heading").text())
                .isEqualTo("Sign in to Acme Corp");
        assertThat(new WebSession(server, "nosuchdomain" + SharedServer.HOST_SUFFIX).page("/").getElementById("login-heading").text())
                .isEqualTo("Sign in to Default");
        assertThat(new WebSession(server, "localhost").page("/").getElementById("login-heading").text())
                .isEqualTo("Sign in to Default");
    }

    @Test
    void usersSignInOnlyAtTheirOwnDomain() throws Exception {
        database.createDomain("globex", "Globex");
        database.createPasswordUser("globex", "globex-admin", "globex-password-1", "ADMIN", "ENABLED");

        assertThat(new WebSession(server).login("globex-admin", "globex-password-1").statusCode())
                .as("not a user of the default domain").isEqualTo(401);

        WebSession globex = new WebSession(server, "globex" + SharedServer.HOST_SUFFIX);
        assertThat(globex.login("globex-admin", "globex-password-1").statusCode()).as(globex.describeLast()).isEqualTo(302);
        assertThat(globex.page("/admin/").getElementById("domain-id").text()).isEqualTo("globex");
    }

    @Test
    void readinessAndLivenessAreUp() {
        WebSession client = new WebSession(server);
        HttpResponse<String> ready = client.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"").contains("database");
        HttpResponse<String> live = client.get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void unknownPageGetsLanyardsNotFoundPageWithoutServerDetails() {
        HttpResponse<String> response = new WebSession(server).get("/no/such/page.xhtml");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Not found").doesNotContain("Payara").doesNotContain("Exception");
    }

    @Test
    void idSequencesStepAsTheMappingsAllocate() throws Exception {
        // entities take one id per insert from lanyard_seq; audit events blocks of 50 from their own sequence, and a
        // block is the 50 ids up to the value drawn: other steps would hand out an id twice or skip and collide
        long first = database.count("SELECT nextval('lanyard_seq')");
        assertThat(database.count("SELECT nextval('lanyard_seq')")).isEqualTo(first + 1);
        long block = database.count("SELECT nextval('lanyard_audit_seq')");
        assertThat(database.count("SELECT nextval('lanyard_audit_seq')")).isEqualTo(block + 50);
    }
}
