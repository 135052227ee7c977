package dev.lanyard.database;

import dev.lanyard.config.DatabaseSettings;
import dev.lanyard.database.migration.V9__Audit_ids_from_their_own_sequence;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with the Flyway scripts under {@code db/migration} (the same for H2 and PostgreSQL)
 * and the Java migrations in {@code database.migration} (where one SQL script cannot serve both).
 */
@ApplicationScoped
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    /** Returns the number of migrations applied; throws when the database cannot be reached or a script fails. */
    public int migrate() {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // Java migrations are listed, not scanned for: class scanning inside a deployed WAR is fragile
                .javaMigrations(new V9__Audit_ids_from_their_own_sequence())
                .load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info(() -> "Database " + DatabaseSettings.fromEnvironment().redactedUrl() + ": applied "
                    + result.migrationsExecuted + " migration(s), schema now at version " + result.targetSchemaVersion);
        } else {
            LOG.info(() -> "Database schema is up to date (version " + flyway.info().current().getVersion() + "), nothing migrated");
        }
        return result.migrationsExecuted;
    }
}
