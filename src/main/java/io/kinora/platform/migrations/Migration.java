package io.kinora.platform.migrations;

import io.vertx.core.Future;

/**
 * One numbered change to the data in Redis, run once per deployment by {@link Migrations}. It
 * lives in the feature that owns the data it changes and is registered in the one ordered list
 * the {@code app} package hands to the runner.
 *
 * <p>A migration must be idempotent: a node may die after {@link #apply} did its work and before
 * the new version was stored, and the next node then applies it again. Keep each one small: one
 * change, one class.
 */
public interface Migration {

  /** Its place in the order, from 1, and the schema version once it has run. Never reused. */
  int number();

  /** One line for the log: what it changes. */
  String description();

  /** Does the work; the runner stores {@link #number()} as the schema version once this succeeds. */
  Future<Void> apply();
}
