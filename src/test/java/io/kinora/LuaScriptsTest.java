package io.kinora;

import io.kinora.platform.redis.LuaScript;
import io.kinora.social.ratings.Ratings;
import io.kinora.video.VideoFields;
import io.kinora.video.VideoStatus;
import io.kinora.video.Visibility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every Lua script under {@code src/main/resources/lua/} keeps, read from the files:
 * its head names each KEYS and ARGV it uses; every key it touches comes in KEYS (none is built
 * from ARGV or by concatenation); it spells no status or visibility word of its own; and every
 * field it reads or writes in the video hash (the KEYS entry its head calls {@code video}) is a
 * field of {@link VideoFields}.
 */
class LuaScriptsTest {

  private static final Path ROOT = Path.of("src/main/resources/lua");
  /** A head line declaring a key or an argument: {@code -- KEYS[2] queue: ...}, {@code -- ARGV[5..] pairs}. */
  private static final Pattern DECLARED = Pattern.compile("(KEYS|ARGV)\\[(\\d+)(\\.\\.)?]");
  private static final Pattern USED = Pattern.compile("(KEYS|ARGV)\\[(\\d+)]");
  private static final Pattern VIDEO_KEY = Pattern.compile("^--.*KEYS\\[(\\d+)] video:", Pattern.MULTILINE);
  private static final Pattern CALL = Pattern.compile("redis\\.call\\(\\s*'(\\w+)'");
  private static final Pattern LITERAL = Pattern.compile("'([^']*)'");
  private static final Set<String> HASH_FIELD_COMMANDS = Set.of("HSET", "HGET", "HMGET", "HDEL", "HINCRBY", "HEXISTS");

  @Test
  void everyScriptNamesTheKeysAndArgumentsItUses() throws IOException {
    Map<String, List<String>> undeclared = new TreeMap<>();
    for (Path script : scripts()) {
      String text = Files.readString(script);
      Map<String, Integer> exact = new HashMap<>();
      Map<String, Integer> from = new HashMap<>();
      head(text).forEach(line -> {
        Matcher m = DECLARED.matcher(line);
        while (m.find()) {
          (m.group(3) == null ? exact : from).merge(m.group(1), Integer.parseInt(m.group(2)), Math::max);
        }
      });
      Matcher used = USED.matcher(body(text));
      while (used.find()) {
        String kind = used.group(1);
        int n = Integer.parseInt(used.group(2));
        if (n > exact.getOrDefault(kind, 0) && !(from.containsKey(kind) && n >= from.get(kind))) {
          undeclared.computeIfAbsent(name(script), k -> new ArrayList<>()).add(used.group());
        }
      }
      assertTrue(head(text).stream().anyMatch(l -> l.contains("KEYS[")), name(script) + " names no KEYS in its head");
    }
    assertEquals(Map.of(), undeclared, "KEYS/ARGV used but not named in the script's head");
  }

  @Test
  void everyKeyAScriptTouchesComesInKeys() throws IOException {
    List<String> built = new ArrayList<>();
    for (Path script : scripts()) {
      String body = body(Files.readString(script));
      for (List<String> call : calls(body)) {
        if (call.size() < 2) {
          continue;
        }
        String key = call.get(1);
        if (key.contains("ARGV") || key.contains("..") || key.startsWith("'")) {
          built.add(name(script) + ": " + String.join(", ", call));
        }
        // a local named as the key must not be built either
        Matcher local = Pattern.compile("local " + Pattern.quote(key) + "\\s*=\\s*([^\\n]*)").matcher(body);
        while (key.matches("\\w+") && local.find()) {
          if (local.group(1).contains("ARGV") || local.group(1).contains("..")) {
            built.add(name(script) + ": " + key + " = " + local.group(1));
          }
        }
      }
      assertFalse(body.contains("kinora:"), name(script) + " spells a key name");
    }
    assertEquals(List.of(), built, "keys built inside scripts instead of passed in KEYS");
  }

  @Test
  void scriptsTakeStatusAndVisibilityWordsFromTheEnums() throws IOException {
    Set<String> words = new TreeSet<>();
    Stream.of(VideoStatus.values()).forEach(s -> words.add(s.wire()));
    Stream.of(Visibility.values()).forEach(v -> words.add(v.wire()));
    Stream.of(Ratings.Rating.values()).forEach(r -> words.add(r.wire()));
    Set<String> known = new TreeSet<>(VideoFields.SCRIPT_WORDS.keySet());
    known.addAll(Ratings.Rating.SCRIPT_WORDS.keySet());
    List<String> found = new ArrayList<>();
    for (Path script : scripts()) {
      String body = body(Files.readString(script));
      Matcher literal = LITERAL.matcher(body);
      while (literal.find()) {
        if (words.contains(literal.group(1))) {
          found.add(name(script) + ": " + literal.group());
        }
      }
      Matcher placeholder = Pattern.compile("\\$\\{([^}]*)}").matcher(body);
      while (placeholder.find()) {
        if (!known.contains(placeholder.group(1))) {
          found.add(name(script) + ": unknown " + placeholder.group());
        }
      }
    }
    assertEquals(List.of(), found, "words spelled in scripts instead of ${...} placeholders from the enums");
  }

  @Test
  void everyVideoFieldAScriptUsesIsInTheSchema() throws Exception {
    Set<String> schema = schemaFields();
    Map<String, Set<String>> unknown = new TreeMap<>();
    Set<String> used = new TreeSet<>();
    for (Path script : scripts()) {
      String text = Files.readString(script);
      Matcher video = VIDEO_KEY.matcher(String.join("\n", head(text)));
      if (!video.find()) {
        continue;
      }
      String key = "KEYS[" + video.group(1) + "]";
      for (List<String> call : calls(body(text))) {
        if (call.size() < 3 || !HASH_FIELD_COMMANDS.contains(unquote(call.get(0))) || !call.get(1).equals(key)) {
          continue;
        }
        String command = unquote(call.get(0));
        for (int i = 2; i < call.size(); i++) {
          boolean fieldPosition = switch (command) {
            case "HSET" -> i % 2 == 0;
            case "HGET", "HINCRBY", "HEXISTS" -> i == 2;
            default -> true; // HMGET, HDEL: every argument is a field
          };
          String arg = call.get(i);
          if (fieldPosition && arg.startsWith("'")) {
            String field = unquote(arg);
            used.add(field);
            if (!schema.contains(field)) {
              unknown.computeIfAbsent(name(script), k -> new TreeSet<>()).add(field);
            }
          }
        }
      }
    }
    assertEquals(Map.of(), unknown, "video hash fields used in scripts but not named in VideoFields");
    // the parsing above found something: the job scripts write the status
    assertTrue(used.containsAll(Set.of("status", "seq", "likes", "commentCount", "assemblingSince")), used.toString());
  }

  @Test
  void everyScriptLoadsWithTheWordsOfTheEnums() throws IOException {
    Map<String, String> words = new HashMap<>(VideoFields.SCRIPT_WORDS);
    words.putAll(Ratings.Rating.SCRIPT_WORDS);
    for (Path script : scripts()) {
      String name = name(script).replaceAll("\\.lua$", "");
      LuaScript loaded = LuaScript.load(name, words);
      assertFalse(loaded.source().contains("${"), name);
      assertEquals(40, loaded.sha1().length(), name);
    }
  }

  @Test
  void theSchemaNamesEachFieldOnce() throws Exception {
    List<String> names = new ArrayList<>();
    for (Field f : VideoFields.class.getFields()) {
      if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
        names.add((String) f.get(null));
      }
    }
    assertEquals(names.size(), new TreeSet<>(names).size(), "a field named twice: " + names);
  }

  private static Set<String> schemaFields() throws IllegalAccessException {
    Set<String> fields = new TreeSet<>();
    for (Field f : VideoFields.class.getFields()) {
      if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
        fields.add((String) f.get(null));
      }
    }
    return fields;
  }

  private static List<Path> scripts() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<Path> all = files.filter(p -> p.toString().endsWith(".lua")).sorted().toList();
      assertTrue(all.size() >= 45, "found the scripts: " + all.size());
      return all;
    }
  }

  private static String name(Path script) {
    return ROOT.relativize(script).toString();
  }

  /** The comment lines the file starts with. */
  private static List<String> head(String text) {
    return text.lines().takeWhile(l -> l.startsWith("--")).toList();
  }

  /** The code, comments taken out. */
  private static String body(String text) {
    return text.lines().map(l -> l.replaceAll("--.*$", "")).collect(Collectors.joining("\n"));
  }

  /** Each {@code redis.call(...)} with a quoted command, as its top-level arguments (command first). */
  private static List<List<String>> calls(String body) {
    List<List<String>> calls = new ArrayList<>();
    Matcher m = CALL.matcher(body);
    while (m.find()) {
      int start = body.indexOf('(', m.start()) + 1;
      List<String> args = new ArrayList<>();
      StringBuilder arg = new StringBuilder();
      int depth = 0;
      boolean quoted = false;
      for (int i = start; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c == '\'') {
          quoted = !quoted;
        } else if (!quoted && (c == '(' || c == '{' || c == '[')) {
          depth++;
        } else if (!quoted && (c == ')' || c == '}' || c == ']')) {
          if (depth == 0) {
            args.add(arg.toString().trim());
            break;
          }
          depth--;
        } else if (!quoted && depth == 0 && c == ',') {
          args.add(arg.toString().trim());
          arg.setLength(0);
          continue;
        }
        arg.append(c);
      }
      calls.add(args);
    }
    return calls;
  }

  private static String unquote(String literal) {
    return literal.replaceAll("^'|'$", "");
  }
}
