package dev.lanyard.database;

import java.util.Map;
import org.eclipse.persistence.internal.databaseaccess.DatabaseAccessor;
import org.eclipse.persistence.internal.databaseaccess.DatasourcePlatform;
import org.eclipse.persistence.sessions.Login;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ExternalConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Lets Lanyard deploy while its database is down. Payara creates an EntityManager at deployment, and EclipseLink's
 * pool for a container data source opens a test connection then: with the database down the whole application would
 * fail to deploy, and /health could not say why. This customizer swaps in pools that skip that test connection;
 * connections are taken from the container pool when a query needs one, as before.
 */
public class DeferredConnectCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (!(session instanceof ServerSession server)) {
            return;
        }
        // Pools are still being set up after customizers run; replace them again right before login connects them.
        server.getEventManager().addListener(new SessionEventAdapter() {
            @Override
            public void preLogin(SessionEvent event) {
                replacePools(server);
            }
        });
        replacePools(server);
    }

    private static void replacePools(ServerSession server) {
        ConnectionPool read = server.getReadConnectionPool();
        if (needsReplacing(read)) {
            server.setReadConnectionPool(new DeferredPool(read.getName(), read.getLogin(), server));
        }
        for (Map.Entry<String, ConnectionPool> entry : Map.copyOf(server.getConnectionPools()).entrySet()) {
            ConnectionPool pool = entry.getValue();
            if (needsReplacing(pool)) {
                server.getConnectionPools().put(entry.getKey(), new DeferredPool(pool.getName(), pool.getLogin(), server));
            }
        }
    }

    /** A pool for the container's data source (external pooling) that is not one of ours yet. */
    private static boolean needsReplacing(ConnectionPool pool) {
        return pool != null && !(pool instanceof DeferredPool) && pool.getLogin() != null
                && pool.getLogin().shouldUseExternalConnectionPooling();
    }

    /** An external (container) pool whose start-up prepares the accessor to clone without opening a connection. */
    static final class DeferredPool extends ExternalConnectionPool {

        DeferredPool(String name, Login login, ServerSession owner) {
            super(name, login, owner);
        }

        @Override
        public synchronized void startUp() {
            DeferredAccessor accessor = new DeferredAccessor(getLogin().clone());
            accessor.setPool(this);
            setCachedConnection(accessor);
            setIsConnected(true);
        }
    }

    /**
     * An accessor that knows its login but holds no connection: on first use EclipseLink sees an externally pooled
     * accessor without a connection and takes one from the container pool, exactly as for the accessors it clones
     * from a connected template.
     */
    static final class DeferredAccessor extends DatabaseAccessor {

        DeferredAccessor(Login login) {
            setLogin(login);
            setDatasourcePlatform((DatasourcePlatform) login.getDatasourcePlatform());
            this.usesExternalConnectionPooling = true;
        }
    }
}
