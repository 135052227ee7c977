package dev.lanyard.bootstrap;

import dev.lanyard.database.DatabaseLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** At deployment: migrate the schema and seed an empty database. A database that is down does not stop the start. */
@ApplicationScoped
public class StartupSequence {

    @Inject
    DatabaseLifecycle database;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        database.bringUp();
    }
}
