package dev.lanyard.it.support;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Lanyard for all the IT classes that can share it (a Payara boot costs ~15 s): started on first use, stopped when
 * the test run ends. Test classes take {@link LanyardServer} and {@link TestDatabase} as parameters.
 */
public final class SharedServer implements ParameterResolver {

    /** Requests whose Host is {id}.lanyard.test go to domain {id}. */
    public static final String HOST_SUFFIX = ".lanyard.test";
    public static final String BOOTSTRAP_KEY_ID = "it-bootstrap-key";
    public static final String BOOTSTRAP_KEY_SECRET = "it-bootstrap-secret-0123456789";

    /** Imports a domain file with the bootstrap key (as an operator sets a domain up); fails the test when refused. */
    public static void importDomain(LanyardServer server, String file) {
        try {
            java.net.http.HttpResponse<String> imported = new AcsSigner(server, null, BOOTSTRAP_KEY_ID, BOOTSTRAP_KEY_SECRET)
                    .post("/v2/domain/import", file, true).send();
            if (imported.statusCode() != 200) {
                throw new IllegalStateException("domain import refused: " + imported.statusCode() + " " + imported.body());
            }
        } catch (Exception e) {
            throw new AssertionError("domain import failed", e);
        }
    }

    private record Running(LanyardServer server, TestDatabase database) implements AutoCloseable {
        @Override
        public void close() {
            server.stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LanyardServer.class || type == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> {
                    TestDatabase database = TestDatabase.fresh("shared");
                    LanyardServer server = LanyardServer.onTestDatabase("shared", database, Map.of(
                            "LANYARD_ADMIN_PASSWORD", LanyardServer.ADMIN_PASSWORD,
                            "LANYARD_HOST_SUFFIX", HOST_SUFFIX,
                            // rotation tests: a new key is published 3 s before it signs; nodes re-read keys every second
                            "LANYARD_KEYS_PUBLISH_AHEAD_SECONDS", "3",
                            "LANYARD_KEYS_CACHE_SECONDS", "1",
                            // a superadmin AccessKey of the default domain, to set up test domains over the signed API
                            "LANYARD_BOOTSTRAP_ACCESS_KEY_ID", BOOTSTRAP_KEY_ID,
                            "LANYARD_BOOTSTRAP_ACCESS_KEY_SECRET", BOOTSTRAP_KEY_SECRET));
                    return new Running(server.start(), database);
                }, Running.class);
        return parameter.getParameter().getType() == LanyardServer.class ? running.server() : running.database();
    }
}
