package io.kinora.account;

import io.kinora.platform.auth.Secrets;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * argon2id through Bouncy Castle, stored as the usual PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so the parameters can be raised later and
 * old hashes still verify with their own. The cost of new hashes is configured
 * ({@link AccountSettings#passwordCost}); its default, 19 MiB, 2 passes, 1 lane, is OWASP's first
 * recommended setting, and on this project's 2-core machine one hash takes about 100–120 ms.
 * Blocking and CPU-bound: callers run it on a worker pool, never on an event loop.
 */
public final class PasswordHasher {

  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  /** The memory (KiB) and passes of a new hash. */
  public record Cost(int memoryKib, int passes) {

    /** OWASP's first recommended argon2id setting. */
    public static final Cost OWASP = new Cost(19_456, 2);

    /**
     * OWASP's recommended settings all spend about this much (memory × passes, in KiB): 46 MiB × 1
     * down to 7 MiB × 5. A node configured below it says so at start.
     */
    static final long RECOMMENDED_WORK = 7_168L * 5;

    public boolean belowRecommended() {
      return (long) memoryKib * passes < RECOMMENDED_WORK;
    }
  }

  private final Cost cost;
  /** Verified against when the account does not exist, so that answer takes as long as a wrong password. */
  private final String decoy;

  public PasswordHasher(Cost cost) {
    this.cost = cost;
    this.decoy = hash("not a real password; only here to spend the same time");
  }

  public String hash(String password) {
    byte[] salt = Secrets.randomBytes(SALT_BYTES);
    byte[] hash = derive(password, salt, cost.memoryKib(), cost.passes(), PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.passes() + ",p=" + PARALLELISM
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /** False for a wrong password and for anything that is not one of our hashes. */
  public boolean verify(String password, String encoded) {
    Matcher m = PHC.matcher(encoded == null ? "" : encoded);
    if (!m.matches()) {
      return false;
    }
    byte[] expected = B64D.decode(m.group(5));
    byte[] actual = derive(password, B64D.decode(m.group(4)), Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Spends a verification's time for an account that does not exist; always false. */
  public boolean verifyNobody(String password) {
    verify(password, decoy);
    return false;
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(lanes)
        .build());
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
