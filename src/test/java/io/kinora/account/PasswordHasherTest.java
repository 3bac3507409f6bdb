package io.kinora.account;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

  private static final PasswordHasher.Cost CHEAP = new PasswordHasher.Cost(1024, 1);

  @Test
  void newHashesCarryTheConfiguredCost() {
    assertTrue(new PasswordHasher(PasswordHasher.Cost.OWASP).hash("correct horse battery").startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    assertTrue(new PasswordHasher(CHEAP).hash("correct horse battery").startsWith("$argon2id$v=19$m=1024,t=1,p=1$"));
  }

  @Test
  void aHashVerifiesWithItsOwnCostWhateverTheNodesCostIsNow() {
    String old = new PasswordHasher(CHEAP).hash("correct horse battery");
    PasswordHasher now = new PasswordHasher(PasswordHasher.Cost.OWASP);
    assertTrue(now.verify("correct horse battery", old));
    assertFalse(now.verify("correct horse battery!", old));
    assertFalse(now.verify("correct horse battery", "$argon2id$v=19$m=1024,t=1,p=1$bad"));
  }

  @Test
  void everyOwaspRecommendationIsAtTheRecommendedCostAndTheTestCostIsBelow() {
    for (int[] owasp : new int[][] {{47_104, 1}, {19_456, 2}, {12_288, 3}, {9_216, 4}, {7_168, 5}}) {
      assertFalse(new PasswordHasher.Cost(owasp[0], owasp[1]).belowRecommended(), owasp[0] + "×" + owasp[1]);
    }
    assertTrue(CHEAP.belowRecommended());
  }
}
