package io.kinora.platform.redis;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A script's SHA-1 is the one Redis gives it, computed after its placeholders are replaced. */
class LuaScriptTest {

  @Test
  void theSha1IsTheOneRedisKnowsTheScriptBy() {
    // SCRIPT LOAD "return 1" answers this on every Redis
    assertEquals("e0e1f9fabfc9d4800c877a703b823ac0578ff8db", LuaScript.of("t", "return 1", Map.of()).sha1());
  }

  @Test
  void placeholdersAreReplacedBeforeTheSha1() {
    LuaScript script = LuaScript.of("t", "return '${status.ready}'", Map.of("status.ready", "ready"));

    assertEquals("return 'ready'", script.source());
    assertEquals(LuaScript.of("t", "return 'ready'", Map.of()).sha1(), script.sha1());
  }

  @Test
  void aPlaceholderWithoutAWordFailsTheLoad() {
    assertThrows(IllegalStateException.class, () -> LuaScript.of("t", "return '${status.gone}'", Map.of()));
    assertThrows(IllegalStateException.class, () -> LuaScript.of("t", "return '${Status}'", Map.of()));
  }

  @Test
  void aWordThatCouldEndTheLuaStringIsRefused() {
    assertThrows(IllegalStateException.class,
        () -> LuaScript.of("t", "return '${status.ready}'", Map.of("status.ready", "x' .. os")));
  }

  @Test
  void aMissingFileFailsAtLoad() {
    assertThrows(IllegalStateException.class, () -> LuaScript.load("no/such-script"));
  }
}
