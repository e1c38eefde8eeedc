package io.cvtailor.app.probe;

import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactCreated;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only observer added to the WAR by {@code ArtifactsIT}. In the transaction (after the
 * embedding queue's own IN_PROGRESS observer), it fails the request for artifacts whose title
 * carries {@link #FAIL_MARK}, reporting how many embedding jobs the transaction had written by
 * then. After success, another thread reads the artifact in its own transaction and records what it
 * saw.
 */
@ApplicationScoped
public class TransactionProbe {
  public static final String FAIL_MARK = "[probe: fail after events]";

  /** Artifacts whose AFTER_SUCCESS notification arrived (recorded synchronously). */
  static final Set<Long> AFTER_SUCCESS_CALLED = ConcurrentHashMap.newKeySet();

  /** What a separate transaction saw of the artifact after its creation committed. */
  static final Map<Long, String> SEEN_AFTER_SUCCESS = new ConcurrentHashMap<>();

  @Inject ArtifactCatalog catalog;

  @PersistenceContext(unitName = "embeddings")
  EntityManager embeddings;

  @Resource ManagedExecutorService executor;

  void inTransaction(
      @Observes @Priority(Interceptor.Priority.APPLICATION + 900) ArtifactCreated created) {
    boolean marked =
        catalog
            .content(created.userId(), created.artifactId())
            .map(c -> c.title().contains(FAIL_MARK))
            .orElse(false);
    if (marked) {
      Number jobs =
          (Number)
              embeddings
                  .createNativeQuery(
                      "SELECT count(*) FROM embeddings.embedding_jobs j"
                          + " JOIN artifacts.artifacts a ON a.id = j.artifact_id"
                          + " WHERE a.user_id = ?1")
                  .setParameter(1, created.userId())
                  .getSingleResult();
      throw new WebApplicationException(
          "the probe fails this request after the creation events",
          Response.status(500)
              .header("X-Probe-Jobs-In-Transaction", jobs.longValue())
              .header("X-Probe-Artifact", created.artifactId())
              .build());
    }
  }

  void afterSuccess(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArtifactCreated created) {
    AFTER_SUCCESS_CALLED.add(created.artifactId());
    executor.submit(
        () ->
            SEEN_AFTER_SUCCESS.put(
                created.artifactId(),
                catalog
                    .content(created.userId(), created.artifactId())
                    .map(c -> "committed version " + c.version())
                    .orElse("not visible")));
  }
}
