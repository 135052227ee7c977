package dev.lanyard.database;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;

/** Telling a failure of the database (worth a retry: 503 with Retry-After) from a bug (500). */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean causedByDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof PersistenceException) {
                return true;
            }
        }
        return false;
    }
}
