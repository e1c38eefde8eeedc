package io.cvtailor.artifacts.internal;

import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactCreated;
import io.cvtailor.artifacts.ArtifactDeleted;
import io.cvtailor.artifacts.ArtifactUpdated;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.testsupport.ConfigDefaults;
import io.cvtailor.testsupport.RecordingEvent;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * The artifacts module's beans built by hand for other modules' module-level tests (the test-jar
 * carries this class): the real catalog and accounts over an entity manager of the {@code
 * artifacts} persistence unit ({@code ModuleDatabase.persistenceUnit("artifacts")}), with real Bean
 * Validation and events kept, not delivered. The caller runs writes in a transaction of that entity
 * manager, as the container's {@code @Transactional} would.
 */
public final class ArtifactsModuleBeans {
  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  private ArtifactsModuleBeans() {}

  public static ArtifactCatalog catalog(EntityManager em) {
    return catalog(
        em,
        new RecordingEvent<>(),
        new RecordingEvent<>(),
        new RecordingEvent<>(),
        java.util.Map.of());
  }

  public static ArtifactCatalog catalog(
      EntityManager em,
      RecordingEvent<ArtifactCreated> created,
      RecordingEvent<ArtifactUpdated> updated,
      RecordingEvent<ArtifactDeleted> deleted,
      java.util.Map<String, String> settings) {
    JpaArtifactCatalog catalog = ConfigDefaults.apply(new JpaArtifactCatalog(), settings);
    catalog.em = em;
    catalog.validator = new DraftValidator();
    catalog.validator.validator = VALIDATOR;
    catalog.created = created;
    catalog.updated = updated;
    catalog.deleted = deleted;
    return catalog;
  }

  public static UserAccounts accounts(EntityManager em) {
    JpaUserAccounts accounts = ConfigDefaults.apply(new JpaUserAccounts());
    accounts.em = em;
    accounts.validator = VALIDATOR;
    return accounts;
  }
}
