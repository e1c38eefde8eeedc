package io.cvtailor.app.security;

import io.cvtailor.artifacts.Account;
import io.cvtailor.artifacts.UserAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Creates an account and its password in one transaction. */
@ApplicationScoped
public class Registration {
  @Inject UserAccounts accounts;
  @Inject Passwords passwords;

  @Transactional
  public Account register(String email, String password, String displayName) {
    Account account = accounts.register(email, displayName);
    passwords.set(account.id(), password);
    return account;
  }
}
