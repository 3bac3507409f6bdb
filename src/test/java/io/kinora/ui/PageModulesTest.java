package io.kinora.ui;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the pages of {@code webroot/} are put together, checked without a browser. Each page file
 * holds only what is its own: a {@code <head>} with its title and its one entry module,
 * {@code /js/pages/<page>.js}, which imports {@code /js/lib/header.js} first (the top bar is built
 * there, not copied into the HTML). The node adds the shared head lines and the
 * {@code modulepreload} list ({@link PageAssembler}); here the assembled page is checked against
 * an import graph walked independently: every module the entry reaches, once, so no import level
 * waits for the one above it, and nothing the page never imports.
 */
class PageModulesTest {

  private static final Path WEBROOT = Path.of("webroot");
  private static final Pattern STATIC_IMPORT =
      Pattern.compile("^\\s*(?:import|export)\\s+(?:[^'\";]*?\\s+from\\s+)?['\"]([^'\"]+)['\"]", Pattern.MULTILINE);
  private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*>");
  private static final Pattern MODULE_SCRIPT = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"></script>");
  private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">");
  private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");
  private static final Pattern HEADER = Pattern.compile("<header\\b[^>]*>(.*?)</header>", Pattern.DOTALL);
  private static final List<String> SHARED_HEAD = List.of(
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<meta name=\"color-scheme\" content=\"light dark\">",
      "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">",
      "<link rel=\"stylesheet\" href=\"/app.css\">");

  @TestFactory
  Stream<DynamicTest> eachPageFileHoldsOnlyItsTitleItsEntryAndItsOwnLines() throws IOException {
    return pages().stream().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () -> {
      String html = Files.readString(page);
      String entry = entryOf(page);
      assertEquals(1, count(SCRIPT, html), page + ": one script, its entry module " + entry);
      Matcher script = MODULE_SCRIPT.matcher(html);
      assertTrue(script.find() && script.group(1).equals(entry), page + " loads " + entry);
      assertTrue(Files.isRegularFile(file(entry)), entry + " exists");
      assertEquals(1, count(TITLE, html), page + ": one <title>");
      for (String line : SHARED_HEAD) {
        assertFalse(html.contains(line), page + " repeats " + line + ": the node adds it to every page");
      }
      assertEquals(List.of(), all(PRELOAD, html), page + ": the node lists the modules to preload");
    }));
  }

  @TestFactory
  Stream<DynamicTest> eachAssembledPageHasTheSharedHeadOnceAndPreloadsExactlyWhatItImports() throws IOException {
    return pages().stream().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () -> {
      String file = Files.readString(page);
      String html = assembled(page);
      String entry = entryOf(page);
      for (String line : SHARED_HEAD) {
        assertEquals(1, occurrences(line, html), page + " has " + line + " once");
      }
      assertTrue(html.indexOf("<meta charset=\"utf-8\">") < 1024, page + ": the charset within the first 1024 bytes");
      assertEquals(1, count(SCRIPT, html), page + ": one script, its entry module " + entry);
      assertEquals(all(TITLE, file), all(TITLE, html), page + " keeps its title");

      List<String> listed = all(PRELOAD, html);
      assertEquals(new TreeSet<>(listed).size(), listed.size(), page + " preloads a module twice: " + listed);
      assertEquals(staticImports(entry), new TreeSet<>(listed), page + ": the modulepreload list is what " + entry + " reaches");
      assertTrue(html.indexOf("modulepreload") > html.indexOf(entry), page + ": the entry comes before what it imports");

      assertEquals(file.substring(file.indexOf("</head>")), html.substring(html.indexOf("</head>")),
          page + ": everything after the head is sent as written");
    }));
  }

  @TestFactory
  Stream<DynamicTest> eachPageHasOnlyAPlaceholderForTheTopBar() throws IOException {
    return pages().stream().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () -> {
      String html = Files.readString(page);
      Matcher header = HEADER.matcher(html);
      assertTrue(header.find(), page + " has a <header class=\"topbar\"> placeholder");
      assertTrue(header.group(0).startsWith("<header class=\"topbar\""), page + ": " + header.group(0));
      assertEquals("", header.group(1).strip(), page + ": the top bar is built by /js/lib/header.js, not written in the page");
      List<String> imports = directImports(entryOf(page));
      assertTrue(!imports.isEmpty() && imports.get(0).equals("/js/lib/header.js"),
          entryOf(page) + " imports /js/lib/header.js first, so the top bar is there before the page's own code runs");
    }));
  }

  @Test
  void everyEntryModuleHasItsPageAndEverySharedModuleIsUsed() throws IOException {
    Set<String> entries = new TreeSet<>();
    Set<String> used = new TreeSet<>();
    for (Path page : pages()) {
      entries.add(entryOf(page));
      used.addAll(staticImports(entryOf(page)));
    }
    assertEquals(entries, modulesUnder("pages"), "js/pages/ holds one entry module per page, and nothing else");
    Set<String> unused = modulesUnder("lib");
    unused.removeAll(used);
    assertEquals(Set.of(), unused, "modules under js/lib/ that no page imports");
  }

  @Test
  void sharedModulesDoNotImportPages() throws IOException {
    for (String module : modulesUnder("lib")) {
      for (String target : directImports(module)) {
        assertTrue(target.startsWith("/js/lib/"), module + " imports " + target + ", outside js/lib/");
      }
    }
  }

  /** The page as the node sends it, assembled from the repository's files. */
  private static String assembled(Path page) {
    WebrootFiles files = urlPath -> {
      Path source = file(urlPath);
      try {
        return Files.isRegularFile(source) ? new WebrootFiles.Text(Files.readString(source), Instant.EPOCH) : null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    return new PageAssembler(files).assemble("/" + page.getFileName()).html();
  }

  /** Every module the entry reaches through static imports, the entry itself left out. */
  static Set<String> staticImports(String entry) throws IOException {
    Set<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(entry));
    while (!todo.isEmpty()) {
      for (String target : directImports(todo.pop())) {
        if (!target.equals(entry) && seen.add(target)) todo.push(target);
      }
    }
    return seen;
  }

  /** The module's static imports (and re-exports), in source order, as absolute URL paths. */
  private static List<String> directImports(String module) throws IOException {
    Path source = file(module);
    assertTrue(Files.isRegularFile(source), module + " exists");
    List<String> targets = new ArrayList<>();
    for (String spec : all(STATIC_IMPORT, Files.readString(source))) {
      assertTrue(spec.startsWith("./") || spec.startsWith("../"), module + " imports " + spec + ": only relative paths (no build step)");
      String resolved = "/" + WEBROOT.relativize(source.getParent().resolve(spec).normalize()).toString().replace('\\', '/');
      targets.add(resolved);
    }
    return targets;
  }

  private static List<Path> pages() throws IOException {
    try (Stream<Path> files = Files.list(WEBROOT)) {
      return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
  }

  private static String entryOf(Path page) {
    String name = page.getFileName().toString();
    return "/js/pages/" + name.substring(0, name.length() - ".html".length()) + ".js";
  }

  private static Set<String> modulesUnder(String folder) throws IOException {
    try (Stream<Path> files = Files.walk(WEBROOT.resolve("js").resolve(folder))) {
      Set<String> modules = new TreeSet<>();
      files.filter(p -> p.toString().endsWith(".js"))
          .forEach(p -> modules.add("/" + WEBROOT.relativize(p).toString().replace('\\', '/')));
      return modules;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Path file(String urlPath) {
    return WEBROOT.resolve(urlPath.substring(1));
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) found.add(m.group(1));
    return found;
  }

  private static int occurrences(String line, String text) {
    int n = 0;
    for (int at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) n++;
    return n;
  }

  private static int count(Pattern pattern, String text) {
    int n = 0;
    for (Matcher m = pattern.matcher(text); m.find(); ) n++;
    return n;
  }
}
