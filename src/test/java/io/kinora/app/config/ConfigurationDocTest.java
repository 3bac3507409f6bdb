package io.kinora.app.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists every setting: each key of conf/kinora.json and each KINORA_ name
 * read in KinoraConfig has a row of its own in one of the doc's tables, and the doc names no
 * KINORA_ variable that nothing in the repository reads.
 */
class ConfigurationDocTest {

  private static final Pattern KEY = Pattern.compile("KINORA_[A-Z0-9_]*[A-Z0-9]");
  private static final Path DOC = Path.of("docs/configuration.md");

  /** Keys named in the first cell of a table row: {@code | `KINORA_A` / `KINORA_B` | ... |}. */
  private static Set<String> documentedInTables() throws IOException {
    Set<String> keys = new TreeSet<>();
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      String row = line.strip();
      if (!row.startsWith("|")) {
        continue;
      }
      String[] cells = row.split("\\|");
      if (cells.length > 1) {
        keys.addAll(keysIn(cells[1]));
      }
    }
    return keys;
  }

  private static Set<String> keysIn(String text) {
    Set<String> keys = new TreeSet<>();
    Matcher m = KEY.matcher(text);
    while (m.find()) {
      keys.add(m.group());
    }
    return keys;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // binary or unreadable: names no key
    }
  }

  @Test
  void everyKeyOfTheConfFileHasARow() throws IOException {
    JsonObject conf = new JsonObject(Files.readString(Path.of("conf/kinora.json")));
    Set<String> missing = new TreeSet<>(conf.fieldNames());
    missing.removeAll(documentedInTables());
    assertTrue(missing.isEmpty(), "conf/kinora.json keys missing from the tables of " + DOC + ": " + missing);
  }

  @Test
  void everyKeyReadByKinoraConfigHasARow() throws IOException {
    Set<String> missing = keysIn(read(Path.of("src/main/java/io/kinora/app/config/KinoraConfig.java")));
    missing.removeAll(documentedInTables());
    assertTrue(missing.isEmpty(), "KinoraConfig reads keys missing from the tables of " + DOC + ": " + missing);
  }

  @Test
  void theDocNamesNoKeyThatNothingReads() throws IOException {
    Set<String> known = new TreeSet<>();
    for (String root : new String[] {"conf", "src/main", "nginx", "bin", "docker", "bench"}) {
      Path dir = Path.of(root);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(Files::isRegularFile).forEach(f -> known.addAll(keysIn(read(f))));
      }
    }
    Set<String> unknown = keysIn(Files.readString(DOC, StandardCharsets.UTF_8));
    unknown.removeAll(known);
    assertTrue(unknown.isEmpty(), DOC + " names KINORA_ variables that nothing in conf/, src/main/, nginx/, "
        + "bin/, docker/ or bench/ reads: " + unknown);
  }
}
