package io.cvtailor.artifacts;

import jakarta.annotation.Nullable;
import java.util.Locale;
import java.util.Optional;

/** The people who own artifacts, and their profiles. Credentials live with the identity code. */
public interface UserAccounts {

  /** Creates the account; throws {@link EmailTakenException} when the e-mail is registered. */
  Account register(String email, String displayName);

  Optional<Account> findByEmail(String email);

  Optional<Account> find(long userId);

  Profile profile(long userId);

  Profile updateProfile(long userId, Profile profile);

  /** Deletes the account and everything it owns (artifacts, embeddings, CVs) in one transaction. */
  void delete(long userId);

  /** Trimmed and lower-cased, so that one address is one account however it is typed. */
  static @Nullable String normaliseEmail(@Nullable String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }

  /** The e-mail address is already registered. */
  class EmailTakenException extends RuntimeException {
    public EmailTakenException() {
      super("an account with this e-mail already exists");
    }
  }
}
