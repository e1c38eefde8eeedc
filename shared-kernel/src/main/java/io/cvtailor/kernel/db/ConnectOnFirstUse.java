package io.cvtailor.kernel.db;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.internal.databaseaccess.DatabaseAccessor;
import org.eclipse.persistence.internal.databaseaccess.DatasourcePlatform;
import org.eclipse.persistence.sessions.Login;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ExternalConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Every module's persistence unit names this customizer ({@code eclipselink.session.customizer}) so
 * that the application deploys while PostgreSQL is down and starts working once it is up, with no
 * restart and no redeployment.
 *
 * <p>Why it is needed: the application server's JPA deployer creates each persistence unit's
 * session while the WAR deploys, and EclipseLink's {@link ExternalConnectionPool#startUp} opens a
 * connection then, only to learn the connection's settings and close it again. With PostgreSQL down
 * that throws, and the whole deployment fails before any application code could wait and retry.
 * Connections come from the container's pool anyway (one per use, opened when a statement needs
 * one), so that check buys nothing: this customizer replaces each such pool by one whose start-up
 * prepares the template accessor — the login and the database platform, named in the persistence
 * unit ({@code eclipselink.target-database}) so that detecting it needs no connection either —
 * without connecting. The first statement then connects through the container's pool as every later
 * one does; while PostgreSQL is down that fails like any other statement (503 with Retry-After, see
 * {@link DatabaseUnavailable}).
 */
// The config.SessionCustomizer Payara 6's EclipseLink 4.0 documents for
// eclipselink.session.customizer; kept (not its sessions.* successor) so the unit's start-up
// behaviour is exactly the one ServerFaultsIT proves.
@SuppressWarnings("removal")
public class ConnectOnFirstUse implements SessionCustomizer {
  @Override
  public void customize(Session session) {
    if (!(session instanceof ServerSession server)) {
      return;
    }
    ConnectionPool read = server.getReadConnectionPool();
    if (connectsAtStartUp(read)) {
      server.setReadConnectionPool(new Pool(read.getName(), read.getLogin(), server));
    }
    List<ConnectionPool> pools = new ArrayList<>(server.getConnectionPools().values());
    for (ConnectionPool pool : pools) {
      if (connectsAtStartUp(pool)) {
        server
            .getConnectionPools()
            .put(pool.getName(), new Pool(pool.getName(), pool.getLogin(), server));
      }
    }
  }

  /** A pool of the container's connections that EclipseLink would otherwise open at start-up. */
  private static boolean connectsAtStartUp(ConnectionPool pool) {
    return pool != null
        && !(pool instanceof Pool)
        && pool.getLogin() != null
        && pool.getLogin().shouldUseExternalConnectionPooling();
  }

  /** An external connection pool whose start-up opens no connection. */
  static final class Pool extends ExternalConnectionPool {
    Pool(String name, Login login, ServerSession owner) {
      super(name, login, owner);
    }

    @Override
    public synchronized void startUp() {
      setCachedConnection(new UnconnectedAccessor(getLogin(), this));
      setIsConnected(true);
    }
  }

  /**
   * The template every acquired accessor is cloned from: the state {@link ExternalConnectionPool}'s
   * own template has after its connect-and-close (login and platform known, no connection), reached
   * without connecting. A clone connects through the container's pool on its first call.
   */
  static final class UnconnectedAccessor extends DatabaseAccessor {
    UnconnectedAccessor(Login login, ConnectionPool pool) {
      setLogin(login);
      setDatasourcePlatform((DatasourcePlatform) login.getDatasourcePlatform());
      setPool(pool);
    }
  }
}
