package dev.lanyard.bootstrap;

import dev.lanyard.database.DatabaseLifecycle;
import dev.lanyard.database.ExpiredRowsPurge;
import dev.lanyard.database.PlannerStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * At deployment: migrate the schema, seed an empty database, and schedule the purge of expired rows and the check of
 * PostgreSQL's planner statistics. A database that is down does not stop the start.
 */
@ApplicationScoped
public class StartupSequence {

    @Inject
    DatabaseLifecycle database;

    @Inject
    ExpiredRowsPurge purge;

    @Inject
    PlannerStatistics statistics;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        database.bringUp();
        purge.start();
        statistics.start();
    }
}
