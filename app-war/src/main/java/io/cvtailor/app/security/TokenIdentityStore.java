package io.cvtailor.app.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Validates personal API tokens; the caller principal's name is the user id. */
@ApplicationScoped
public class TokenIdentityStore implements IdentityStore {
  public static final String USER_GROUP = "user";

  @Inject ApiTokens tokens;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof BearerTokenCredential bearer)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    return tokens
        .userOf(bearer.token())
        .map(id -> new CredentialValidationResult(String.valueOf(id), Set.of(USER_GROUP)))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
