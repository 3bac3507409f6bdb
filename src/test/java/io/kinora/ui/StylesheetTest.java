package io.kinora.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one stylesheet stays well-formed: a brace lost in a merge silently nests every later rule
 * inside a media query, so the pages look right only on a phone.
 */
class StylesheetTest {

  private static final Path CSS = Path.of("webroot", "app.css");

  @Test
  void everySectionStartsAtTheTopLevelAndTheBracesBalance() throws IOException {
    List<String> lines = Files.readAllLines(CSS);
    int depth = 0;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.startsWith("/* ----")) {
        assertEquals(0, depth, "the section at line " + (n + 1) + " starts inside an unclosed block");
      }
      depth += count(line, '{') - count(line, '}');
      assertTrue(depth >= 0, "a '}' without its '{' at line " + (n + 1));
    }
    assertEquals(0, depth, "an unclosed block at the end of app.css");
  }

  private static int count(String line, char c) {
    return (int) line.chars().filter(ch -> ch == c).count();
  }
}
