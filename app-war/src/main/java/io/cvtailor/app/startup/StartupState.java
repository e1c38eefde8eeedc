package io.cvtailor.app.startup;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether the schema is in place; until it is, the API answers 503 and readiness is DOWN. */
@ApplicationScoped
public class StartupState {
  private volatile boolean schemaReady;
  private volatile String problem = "database migrations have not run yet";
  private volatile String pgvectorVersion;
  private volatile String database;

  void schemaReady(String database, String pgvectorVersion) {
    this.database = database;
    this.pgvectorVersion = pgvectorVersion;
    this.problem = null;
    this.schemaReady = true;
  }

  void failed(String database, String problem) {
    this.database = database;
    this.problem = problem;
    this.schemaReady = false;
  }

  public boolean schemaReady() {
    return schemaReady;
  }

  /** Why the application is not ready, or null. */
  public String problem() {
    return problem;
  }

  public String pgvectorVersion() {
    return pgvectorVersion;
  }

  public String database() {
    return database;
  }
}
