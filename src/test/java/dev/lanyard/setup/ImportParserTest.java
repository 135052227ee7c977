package dev.lanyard.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.app.AppType;
import dev.lanyard.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportParserTest {

    private static final String SECRET = "0123456789abcdef-secret";
    private final Map<String, String> env = Map.of("WEB_SECRET", SECRET);
    private final ImportParser parser = new ImportParser("acme.json", new SecretReferences(env::get));

    @TempDir
    Path dir;

    static String pem() {
        return dev.lanyard.it.support.TestKeys.rsaPublicKeyPem();
    }

    private String file(String apps) {
        return "{\"domain_id\":\"acme\",\"name\":\"Acme\",\"user_systems\":{\"password\":{\"enabled\":true}},\"apps\":[" + apps + "]}";
    }

    private String web(String extra) {
        return "{\"app_id\":\"web\",\"name\":\"Web\",\"type\":\"WebServer\",\"redirect_uris\":[\"https://web.example/cb\"],"
                + "\"client_secret\":\"${env:WEB_SECRET}\"" + extra + "}";
    }

    @Test
    void readsAWholeDomainWithSecretReferences() throws Exception {
        Path secretFile = dir.resolve("ak.secret");
        Files.writeString(secretFile, "ak-secret-from-a-file-123\n");
        String json = "{\"domain_id\":\"acme\",\"name\":\"Acme\","
                + "\"user_systems\":{\"password\":{\"enabled\":true},\"mobile\":{\"enabled\":false,\"settings\":{\"default_region\":\"86\"}}},"
                + "\"apps\":[" + web("") + ",{\"app_id\":\"jwt\",\"type\":\"JWT\",\"public_keys\":[{\"kid\":\"k1\",\"pem\":" + quote(pem()) + "}]}],"
                + "\"users\":[{\"user_id\":\"alice\",\"role\":\"admin\",\"password\":\"alice-password-123\"}],"
                + "\"access_keys\":[{\"id\":\"AK1\",\"secret\":\"${file:" + secretFile + "}\",\"role\":\"superadmin\"}],"
                + "\"prune\":{\"apps\":true}}";
        DomainSpec spec = parser.parse(json);
        assertThat(spec.domainId()).isEqualTo("acme");
        assertThat(spec.apps()).hasSize(2);
        assertThat(spec.apps().get(0).clientSecret()).isEqualTo(SECRET);
        assertThat(spec.apps().get(0).type()).isEqualTo(AppType.WEB_SERVER);
        assertThat(spec.apps().get(1).publicKeys()).containsKey("k1");
        assertThat(spec.users().get(0).role()).isEqualTo(Role.ADMIN);
        assertThat(spec.accessKeys().get(0).secret()).isEqualTo("ak-secret-from-a-file-123");
        assertThat(spec.userSystems().get("mobile").settingsJson()).contains("\"default_region\":\"86\"");
        assertThat(spec.prune().apps()).isTrue();
        assertThat(spec.prune().users()).isFalse();
    }

    @Test
    void pemMayComeFromAFile() throws Exception {
        Path pemFile = dir.resolve("k1.pem");
        Files.writeString(pemFile, pem() + "\n");
        DomainSpec spec = parser.parse(file("{\"app_id\":\"jwt\",\"type\":\"JWT\",\"public_keys\":[{\"kid\":\"k1\",\"pem\":\"${file:" + pemFile + "}\"}]}"));
        assertThat(spec.apps().get(0).publicKeys().get("k1")).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void malformedJson() {
        assertProblem("{\"domain_id\": \"acme\",", "$", "malformed JSON");
    }

    @Test
    void unknownFieldIsReportedWithItsPath() {
        assertProblem(file(web(",\"colour\":\"blue\"")), "$.apps[0].colour", "unknown field");
        assertProblem("{\"domain_id\":\"acme\",\"nmae\":\"x\"}", "$.nmae", "unknown field");
    }

    @Test
    void duplicateAppId() {
        assertProblem(file(web("") + "," + web("").replace("\"name\":\"Web\"", "\"name\":\"Other\"")), "$.apps[1].app_id", "duplicate app_id web");
    }

    @Test
    void redirectUriNotAbsoluteOrWithFragment() {
        assertProblem(file(web("").replace("https://web.example/cb", "/cb")), "$.apps[0].redirect_uris[0]", "must be absolute");
        assertProblem(file(web("").replace("https://web.example/cb", "https://web.example/cb#top")), "$.apps[0].redirect_uris[0]", "fragment");
    }

    @Test
    void invalidPem() {
        assertProblem(file("{\"app_id\":\"jwt\",\"type\":\"JWT\",\"public_keys\":[{\"kid\":\"k1\",\"pem\":\"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\"}]}"),
                "$.apps[0].public_keys[0].pem", "neither an RSA nor an EC public key");
        assertProblem(file("{\"app_id\":\"jwt\",\"type\":\"JWT\",\"public_keys\":[{\"kid\":\"k1\",\"pem\":\"hello\"}]}"),
                "$.apps[0].public_keys[0].pem", "not a PEM public key");
    }

    @Test
    void weakKeysAndJwtOnlyFieldsElsewhereAreRefused() throws Exception {
        java.security.KeyPairGenerator weak = java.security.KeyPairGenerator.getInstance("RSA");
        weak.initialize(1024);
        String pem = dev.lanyard.it.support.TestKeys.pem(weak.generateKeyPair().getPublic());
        assertProblem(file("{\"app_id\":\"jwt\",\"type\":\"JWT\",\"public_keys\":[{\"kid\":\"k1\",\"pem\":" + quote(pem) + "}]}"),
                "$.apps[0].public_keys[0].pem", "at least 2048");
        assertProblem(file(web("").replace("\"type\":\"WebServer\"", "\"type\":\"WebServer\",\"service_tokens\":true")),
                "$.apps[0]", "are for JWT apps");
        assertProblem(file("{\"app_id\":\"jwt\",\"type\":\"JWT\",\"jwks_url\":\"http://keys.example.com/jwks\"}"),
                "$.apps[0].jwks_url", "must be an https URL");
        DomainSpec spec = parser.parse(file("{\"app_id\":\"jwt\",\"type\":\"JWT\",\"jwks_url\":\"https://keys.example.com/jwks\","
                + "\"service_tokens\":true,\"auto_create_users\":true}"));
        assertThat(spec.apps().get(0).jwksUrl()).isEqualTo("https://keys.example.com/jwks");
        assertThat(spec.apps().get(0).serviceTokens()).isTrue();
        assertThat(spec.apps().get(0).autoCreateUsers()).isTrue();
    }

    @Test
    void unsetEnvironmentReference() {
        assertProblem(file(web("").replace("WEB_SECRET", "NOT_SET_ANYWHERE")), "$.apps[0].client_secret", "NOT_SET_ANYWHERE is not set");
    }

    @Test
    void secretShorterThanTheMinimum() {
        assertProblem(file(web("").replace("${env:WEB_SECRET}", "short")), "$.apps[0].client_secret", "at least 16 characters");
    }

    @Test
    void appTypeThatDoesNotExist() {
        assertProblem(file(web("").replace("WebServer", "Mainframe")), "$.apps[0].type", "unknown app type Mainframe");
    }

    @Test
    void errorsNameTheFileAndNeverTheSecret() {
        assertThatThrownBy(() -> parser.parse(file(web("").replace("https://web.example/cb", "/cb"))))
                .hasMessageStartingWith("acme.json: $.apps[0].redirect_uris[0]: ").hasMessageNotContaining(SECRET);
    }

    private void assertProblem(String json, String path, String problem) {
        assertThatThrownBy(() -> parser.parse(json)).isInstanceOf(ImportException.class)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((ImportException) e).path()).isEqualTo(path));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    @Test
    void scopesThatAreNoScopeTokensAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> parser.parse(file(web(",\"scopes\":[\"read write\"]"))))
                .isInstanceOf(ImportException.class).hasMessageContaining("$.apps[0].scopes").hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> parser.parse(file(web(",\"scopes\":[\"all\",\"all\"]"))))
                .isInstanceOf(ImportException.class).hasMessageContaining("twice");
        assertThat(parser.parse(file(web(",\"scopes\":[\"USER.GET\",\"FILE.ALL\"]"))).apps().get(0).scopes())
                .containsExactly("USER.GET", "FILE.ALL");
    }
}
