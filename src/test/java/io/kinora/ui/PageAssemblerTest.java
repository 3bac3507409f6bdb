package io.kinora.ui;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PageAssembler} and {@link ModuleGraph} on small made-up webroots; PageModulesTest covers the real one. */
class PageAssemblerTest {

  private static final String PAGE = """
      <!doctype html>
      <html lang="en">
      <head>
        <meta name="referrer" content="same-origin">
        <title>Test · Kinora</title>
        <script type="module" src="/js/pages/test.js"></script>
      </head>
      <body></body>
      </html>
      """;
  private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">");

  @Test
  void thePageKeepsItsOwnLinesBetweenTheSharedOnesAndPreloadsWhatItsEntryReaches() {
    Map<String, String> webroot = Map.of(
        "/test.html", PAGE,
        "/js/pages/test.js", "import { a } from '../lib/a.js';\nimport '../lib/side-effect.js';\n",
        "/js/lib/a.js", "export { b } from './b.js';\nimport {\n  c,\n  d,\n} from \"./watch/../c.js\";\n",
        "/js/lib/b.js", "import { a } from './a.js';\nexport const b = 'from here';\n",
        "/js/lib/c.js", "const later = () => import('./lazy.js');\n// import x from './commented.js' in a line comment is not followed\n",
        "/js/lib/side-effect.js", "");

    String html = assemble(webroot).html();

    assertEquals("""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="color-scheme" content="light dark">
          <meta name="referrer" content="same-origin">
          <title>Test · Kinora</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml">
          <link rel="stylesheet" href="/app.css">
          <script type="module" src="/js/pages/test.js"></script>
          <link rel="modulepreload" href="/js/lib/a.js">
          <link rel="modulepreload" href="/js/lib/b.js">
          <link rel="modulepreload" href="/js/lib/c.js">
          <link rel="modulepreload" href="/js/lib/side-effect.js">
        </head>
        <body></body>
        </html>
        """, html);
  }

  @Test
  void aPageWithoutImportsGetsNoPreloadLines() {
    String html = assemble(Map.of("/test.html", PAGE, "/js/pages/test.js", "document.title = 'alone';\n")).html();

    assertEquals(List.of(), preloads(html));
    assertTrue(html.contains("<script type=\"module\" src=\"/js/pages/test.js\"></script>\n</head>"), html);
  }

  @Test
  void theLastModifiedIsTheNewestFileThePageIsMadeOf() {
    Map<String, Instant> modified = Map.of("/test.html", Instant.ofEpochSecond(100),
        "/js/pages/test.js", Instant.ofEpochSecond(200), "/js/lib/a.js", Instant.ofEpochSecond(300));
    Map<String, String> webroot = Map.of("/test.html", PAGE, "/js/pages/test.js", "import './../lib/a.js';\n", "/js/lib/a.js", "");

    PageAssembler.Page page = new PageAssembler(path -> webroot.containsKey(path)
        ? new WebrootFiles.Text(webroot.get(path), modified.get(path)) : null).assemble("/test.html");

    assertEquals(Instant.ofEpochSecond(300), page.modified());
  }

  @Test
  void aPageWebrootLacksIsNoPage() {
    assertNull(assemble(Map.of()));
  }

  @Test
  void aBrokenPageFailsLoudlyNamingWhatIsWrong() {
    String noEntry = PAGE.replace("  <script type=\"module\" src=\"/js/pages/test.js\"></script>\n", "");
    assertTrue(fails(Map.of("/test.html", noEntry)).contains("names no entry module"));
    assertTrue(fails(Map.of("/test.html", PAGE, "/js/pages/test.js", "import './gone.js';\n"))
        .contains("no module /js/pages/gone.js"));
    assertTrue(fails(Map.of("/test.html", PAGE, "/js/pages/test.js", "import { html } from 'lit';\n"))
        .contains("imports lit"));
  }

  private static PageAssembler.Page assemble(Map<String, String> webroot) {
    return new PageAssembler(path -> webroot.containsKey(path) ? new WebrootFiles.Text(webroot.get(path), Instant.EPOCH) : null)
        .assemble("/test.html");
  }

  private static String fails(Map<String, String> webroot) {
    return assertThrows(IllegalStateException.class, () -> assemble(webroot)).getMessage();
  }

  private static List<String> preloads(String html) {
    Matcher m = PRELOAD.matcher(html);
    return m.results().map(r -> r.group(1)).toList();
  }
}
