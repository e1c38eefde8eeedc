package io.cvtailor.artifacts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ImportItem;
import io.cvtailor.artifacts.JsonResume;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.artifacts.ResumeDocuments;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
@Transactional
public class JpaResumeDocuments implements ResumeDocuments {
  @PersistenceContext(unitName = "artifacts")
  EntityManager em;

  @Inject ArtifactCatalog catalog;
  @Inject UserAccounts accounts;
  @Inject DraftValidator drafts;
  @Inject Validator validator;

  @Override
  public List<Long> importResume(long userId, JsonNode document) {
    UserEntity user = user(userId);
    JsonResume.Contents contents = JsonResume.read(document);
    // Everything is checked before anything is written, so all errors come back together.
    List<FieldError> errors = new ArrayList<>(contents.errors());
    Profile profile = null;
    if (contents.basics() != null) {
      profile = JsonResume.fill(user.profile, contents.basics());
      for (FieldError error : JpaUserAccounts.profileErrors(validator, profile)) {
        errors.add(
            new FieldError(
                JsonResume.basicsField(error.field(), contents.linkPaths()), error.message()));
      }
    }
    for (ImportItem item : contents.items()) {
      for (FieldError error : drafts.check(item.draft())) {
        errors.add(new FieldError(item.fieldPath(error.field()), error.message()));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (profile != null) {
      accounts.updateProfile(userId, profile);
    }
    if (!contents.extras().isEmpty()) {
      Map<String, Object> extras =
          new LinkedHashMap<>(user.resumeExtras == null ? Map.of() : user.resumeExtras);
      extras.putAll(contents.extras());
      user.resumeExtras = extras;
    }
    // importAll clears the persistence context as it goes: the user's changes are written first.
    em.flush();
    return contents.items().isEmpty() ? List.of() : catalog.importAll(userId, contents.items());
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public ObjectNode exportResume(long userId) {
    UserEntity user = user(userId);
    return JsonResume.write(user.profile, user.resumeExtras, catalog.allOf(userId));
  }

  private UserEntity user(long userId) {
    UserEntity user = em.find(UserEntity.class, userId);
    if (user == null) {
      throw new NotFoundException("user");
    }
    return user;
  }
}
