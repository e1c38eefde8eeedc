package io.cvtailor.artifacts.internal;

import io.cvtailor.artifacts.Account;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InputValidation;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class JpaUserAccounts implements UserAccounts {
  private static final String LOCK_EMAIL = "SELECT pg_advisory_xact_lock(hashtext(?1))";
  private static final String DELETE_USER = "DELETE FROM artifacts.users WHERE id = ?1";

  @PersistenceContext(unitName = "artifacts")
  EntityManager em;

  @Inject Validator validator;

  @Override
  public Account register(String email, String displayName) {
    String normalised = UserAccounts.normaliseEmail(email);
    // Serialises registrations of one address, so the unique check below cannot race.
    em.createNativeQuery(LOCK_EMAIL).setParameter(1, normalised).getSingleResult();
    if (findByEmail(normalised).isPresent()) {
      throw new EmailTakenException();
    }
    UserEntity user = new UserEntity();
    user.email = normalised;
    user.displayName = displayName.strip();
    user.profile = new Profile(user.displayName, null, normalised, null, null, null, List.of());
    user.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    em.persist(user);
    em.flush();
    return user.toAccount();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Account> findByEmail(String email) {
    return em.createQuery("SELECT u FROM UserEntity u WHERE u.email = :email", UserEntity.class)
        .setParameter("email", UserAccounts.normaliseEmail(email))
        .getResultStream()
        .findFirst()
        .map(UserEntity::toAccount);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Account> find(long userId) {
    return Optional.ofNullable(em.find(UserEntity.class, userId)).map(UserEntity::toAccount);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Profile profile(long userId) {
    return user(userId).profile;
  }

  @Override
  public Profile updateProfile(long userId, Profile profile) {
    checkProfile(validator, profile);
    UserEntity user = user(userId);
    user.profile = profile;
    em.flush();
    return user.profile;
  }

  @Override
  public void delete(long userId) {
    user(userId);
    // Artifacts, embeddings, CVs and credentials reference the user with ON DELETE CASCADE.
    em.createNativeQuery(DELETE_USER).setParameter(1, userId).executeUpdate();
  }

  /** Bean Validation plus the text rules; throws {@link InvalidInputException} naming fields. */
  static void checkProfile(Validator validator, Profile profile) {
    List<FieldError> errors = profileErrors(validator, profile);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  static List<FieldError> profileErrors(Validator validator, Profile profile) {
    List<FieldError> errors = new ArrayList<>(InputValidation.check(validator, profile));
    List<Profile.Link> links = profile.linksOrEmpty();
    for (int i = 0; i < links.size(); i++) {
      if (links.get(i) == null) {
        errors.add(new FieldError("links[" + i + "]", "must not be null"));
      }
    }
    errors.addAll(TextRules.nulCharacters(profile));
    return errors;
  }

  private UserEntity user(long userId) {
    UserEntity user = em.find(UserEntity.class, userId);
    if (user == null) {
      throw new NotFoundException("user");
    }
    return user;
  }
}
