package dev.lanyard.bootstrap;

import dev.lanyard.database.DatabaseLifecycle;
import dev.lanyard.database.ExpiredRowsPurge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * At deployment: migrate the schema, seed an empty database and schedule the purge of expired rows. A database that is
 * down does not stop the start.
 */
@ApplicationScoped
public class StartupSequence {

    @Inject
    DatabaseLifecycle database;

    @Inject
    ExpiredRowsPurge purge;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        database.bringUp();
        purge.start();
    }
}
