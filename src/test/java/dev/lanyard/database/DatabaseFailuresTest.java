package dev.lanyard.database;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void anUnreachableOrGoneDatabaseIsAnOutage() {
        assertThat(DatabaseFailures.causedByDatabase(new PersistenceException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseFailures.causedByDatabase(new RuntimeException(new PersistenceException(
                new SQLException("terminating connection due to administrator command", "57P01"))))).isTrue();
        assertThat(DatabaseFailures.causedByDatabase(new IllegalStateException(new ConnectException("Connection refused")))).isTrue();
        assertThat(DatabaseFailures.causedByDatabase(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(DatabaseFailures.causedByDatabase(new PersistenceException(
                new SQLException("Error in allocating a connection. Cause: Connection could not be allocated")))).isTrue();
    }

    @Test
    void aConstraintOrABugIsNot() {
        assertThat(DatabaseFailures.causedByDatabase(new PersistenceException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseFailures.causedByDatabase(new PersistenceException("no result"))).isFalse();
        assertThat(DatabaseFailures.causedByDatabase(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseFailures.causedByDatabase(new SQLException("syntax error", "42601"))).isFalse();
    }
}
