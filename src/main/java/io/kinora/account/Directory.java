package io.kinora.account;

import io.kinora.platform.auth.AccountDirectory;
import io.vertx.core.Future;

/** The account records as other features may read them: name and id, nothing private. */
final class Directory implements AccountDirectory {

  private final AccountRepository accounts;

  Directory(AccountRepository accounts) {
    this.accounts = accounts;
  }

  @Override
  public Future<Account> byUsername(String username) {
    if (username == null || username.isEmpty() || username.length() > 64) {
      return Future.succeededFuture(null);
    }
    return accounts.findByName(username).map(Directory::shown);
  }

  @Override
  public Future<Account> byId(String id) {
    return accounts.find(id).map(Directory::shown);
  }

  private static Account shown(User user) {
    return user == null || user.disabled() ? null : new Account(user.id(), user.username());
  }
}
