package io.kinora.platform.migrations;

import java.util.List;

/**
 * What one run of {@link Migrations} found and did.
 *
 * @param found   the schema version read from Redis, {@link Migrations#NONE} when there was none
 * @param version the schema version now
 * @param applied the numbers of the migrations this node applied, in order (empty: none)
 * @param stamped true when an empty Redis (a new deployment) was given the latest version directly
 */
public record MigrationOutcome(int found, int version, List<Integer> applied, boolean stamped) {

  public MigrationOutcome {
    applied = List.copyOf(applied);
  }
}
