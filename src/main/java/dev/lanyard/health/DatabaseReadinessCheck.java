package dev.lanyard.health;

import dev.lanyard.database.DataSourceDeclaration;
import dev.lanyard.database.DatabaseLifecycle;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** UP only when the schema is migrated and the database answers now. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private static final int VALIDATION_TIMEOUT_SECONDS = 3;

    @Inject
    DatabaseLifecycle database;

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        if (!database.bringUp()) {
            return HealthCheckResponse.named("database").down().withData("reason", "not migrated: the database did not answer").build();
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return HealthCheckResponse.named("database").up().build();
            }
            return HealthCheckResponse.named("database").down().withData("reason", "connection not valid").build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("database").down().withData("reason", "unreachable").build();
        }
    }
}
