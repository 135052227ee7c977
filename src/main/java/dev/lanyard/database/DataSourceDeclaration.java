package dev.lanyard.database;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lanyard's own pooled, transactional data source ({@value #JNDI_NAME}). Connections are validated before use so the
 * pool recovers by itself when the database comes back after an outage.
 */
@ApplicationScoped
@DataSourceDefinition(
        name = DataSourceDeclaration.JNDI_NAME,
        className = "dev.lanyard.database.ConfiguredDataSource",
        minPoolSize = 0,
        initialPoolSize = 0,
        maxPoolSize = 32,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                // a connection is checked at most once a second, not at every checkout (a round trip each time)
                "fish.payara.validate-atmost-once-period-in-seconds=1",
                "fish.payara.fail-all-connections=true",
                "fish.payara.max-wait-time-in-millis=10000",
                "fish.payara.connection-creation-retry-attempts=0"
        })
public class DataSourceDeclaration {
    public static final String JNDI_NAME = "java:app/jdbc/lanyard";
}
