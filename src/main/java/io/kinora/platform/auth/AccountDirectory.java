package io.kinora.platform.auth;

import io.vertx.core.Future;

/**
 * Looking up accounts by name or id, for features that show people (channels, comment authors)
 * without depending on the account feature, which implements it and owns the records.
 */
public interface AccountDirectory {

  /** An account as others may see it. Disabled accounts are never returned. */
  record Account(String id, String username) {
  }

  /** The account with this username in any letter case, or null. */
  Future<Account> byUsername(String username);

  /** The account with this id, or null. */
  Future<Account> byId(String id);
}
