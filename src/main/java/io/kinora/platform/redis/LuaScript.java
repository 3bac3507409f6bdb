package io.kinora.platform.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lua script kept as a file, {@code src/main/resources/lua/<name>.lua}, run with
 * {@link RedisStore#run}: by its SHA-1 ({@code EVALSHA}), so the source crosses the network only
 * the first time a Redis server sees it. The SHA-1 is computed here, as Redis computes it, so no
 * {@code SCRIPT LOAD} round trip is needed before the first call.
 *
 * <p>Stores keep their scripts in {@code static final} fields, so each file is read from the
 * classpath once, when its class is initialised: at start-up, never per command on an event loop.
 *
 * <p>A script may name words of a Java enum as placeholders, {@code ${status.ready}}, which
 * {@link #load(String, Map)} replaces from the map it is given before the SHA-1 is computed. A
 * placeholder left without a word fails the load, so a renamed constant fails at start-up rather
 * than in a script.
 *
 * <p>Every key a script touches comes in {@code KEYS}, never built inside the script, and each
 * file starts with a comment naming its {@code KEYS} and {@code ARGV} ({@code LuaScriptsTest} checks both).
 */
public final class LuaScript {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+\\.[a-z_]+)}");
  /** A word goes inside a Lua string literal: nothing that could end or escape it. */
  private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_.-]*");

  private final String name;
  private final String source;
  private final String sha1;
  private final boolean durable;

  private LuaScript(String name, String source, boolean durable) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1(source);
    this.durable = durable;
  }

  /**
   * This script, marked as writing what must not be lost (a video's creation, a job's state
   * change): with Redis Sentinel its caller is answered once a replica has the writes too.
   */
  public LuaScript durable() {
    return new LuaScript(name, source, true);
  }

  /** Whether callers wait for a replica to have this script's writes (see {@link #durable()}). */
  public boolean waitsForReplica() {
    return durable;
  }

  /** The script {@code lua/<name>.lua} on the classpath, e.g. {@code load("jobs/claim")}. */
  public static LuaScript load(String name) {
    return load(name, Map.of());
  }

  /** The script with each {@code ${key}} replaced by {@code words.get(key)}; fails on one it cannot replace. */
  public static LuaScript load(String name, Map<String, String> words) {
    return of(name, read(name), words);
  }

  /** A script from its text (tests); placeholders are replaced as {@link #load(String, Map)} does. */
  static LuaScript of(String name, String text, Map<String, String> words) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String word = words.get(m.group(1));
      if (word == null || !SAFE_WORD.matcher(word).matches()) {
        throw new IllegalStateException("lua/" + name + ".lua: no word for ${" + m.group(1) + "}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(word));
    }
    m.appendTail(out);
    if (out.indexOf("${") >= 0) {
      throw new IllegalStateException("lua/" + name + ".lua: a malformed ${...} placeholder");
    }
    return new LuaScript(name, out.toString(), false);
  }

  public String name() {
    return name;
  }

  /** The text Redis runs, placeholders replaced. */
  public String source() {
    return source;
  }

  /** The lower-case hex SHA-1 of {@link #source}: the name {@code EVALSHA} knows it by. */
  public String sha1() {
    return sha1;
  }

  @Override
  public String toString() {
    return "lua/" + name + ".lua";
  }

  private static String read(String name) {
    String path = "lua/" + name + ".lua";
    try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no " + path + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
