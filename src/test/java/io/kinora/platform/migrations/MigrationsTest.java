package io.kinora.platform.migrations;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The list of migrations is numbered 1, 2, 3… in the order they run, or no node starts. */
class MigrationsTest {

  private static Migration numbered(int number) {
    return new Migration() {
      @Override
      public int number() {
        return number;
      }

      @Override
      public String description() {
        return "number " + number;
      }

      @Override
      public Future<Void> apply() {
        return Future.succeededFuture();
      }
    };
  }

  @Test
  void aListNumberedFromOneInOrderIsAccepted() {
    assertDoesNotThrow(() -> Migrations.checkNumbering(List.of(numbered(1), numbered(2), numbered(3))));
    assertDoesNotThrow(() -> Migrations.checkNumbering(List.of()));
  }

  @Test
  void aGapADuplicateOrAnotherOrderIsRefused() {
    for (List<Migration> wrong : List.of(List.of(numbered(1), numbered(3)), List.of(numbered(2), numbered(1)),
        List.of(numbered(1), numbered(1)), List.of(numbered(0)))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Migrations.checkNumbering(wrong));
      assertTrue(e.getMessage().contains("numbered 1, 2, 3"), e.getMessage());
    }
  }
}
