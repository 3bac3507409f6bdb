package io.kinora;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every relative link and image in README.md and docs/**.md points at a file or folder that exists.
 * Links with a scheme (https:, mailto:) and pure #anchors are not checked.
 */
class DocsLinksTest {

  /** {@code [text](target)} and {@code ![alt](target "title")}; the target ends at a space or ')'. */
  private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  /** Reference definitions: {@code [name]: target}. */
  private static final Pattern REFERENCE = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
  /** HTML images: {@code <img src="...">}. */
  private static final Pattern IMG = Pattern.compile("<img\\s[^>]*src=\"([^\"]+)\"");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
  private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");

  @Test
  void everyRelativeLinkPointsAtAnExistingFile() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(Path.of("README.md"));
    try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages) {
      String text = FENCE.matcher(Files.readString(page, StandardCharsets.UTF_8)).replaceAll("");
      for (Pattern pattern : List.of(INLINE, REFERENCE, IMG)) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          String target = m.group(1);
          if (SCHEME.matcher(target).find() || target.startsWith("#")) {
            continue;
          }
          String file = URLDecoder.decode(target.replaceAll("[#?].*$", ""), StandardCharsets.UTF_8);
          Path resolved = (file.startsWith("/") ? Path.of("." + file) : page.toAbsolutePath().getParent().resolve(file));
          checked++;
          if (!Files.exists(resolved)) {
            broken.add(page + ": " + target);
          }
        }
      }
    }
    assertTrue(checked > 0, "no link found at all: is the pattern still right?");
    assertTrue(broken.isEmpty(), "links to files that do not exist:\n  " + String.join("\n  ", broken));
  }
}
