package io.kinora.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Puts a page of {@code webroot/} together: the page file holds only what is its own, the node
 * adds what every page shares. A page's {@code <head>} is written as
 *
 * <pre>{@code
 * <head>
 *   <title>Watch · Kinora</title>
 *   <meta name="referrer" content="same-origin">          (any line of its own, optional)
 *   <script type="module" src="/js/pages/watch.js"></script>   (its entry module, exactly one)
 * </head>
 * }</pre>
 *
 * and is sent as {@link #HEAD}: the shared lines, the page's own lines in their order, the entry
 * module, then one {@code <link rel="modulepreload">} per module the entry reaches through static
 * imports ({@link ModuleGraph}), so the list is complete by construction. Nothing is inlined: the
 * Content-Security-Policy allows scripts from this origin only. The rest of the file is sent as
 * written.
 */
final class PageAssembler {

  /** Every page's head; {@code {own}} and {@code {preloads}} stand for whole lines. */
  static final String HEAD = """
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
      {own}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/app.css">
        <script type="module" src="{entry}"></script>
      {preloads}
      </head>""";

  private static final Pattern PAGE_HEAD = Pattern.compile("<head>(.*?)</head>", Pattern.DOTALL);
  private static final Pattern ENTRY = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"></script>");
  private static final String INDENT = "  ";

  /** A page as sent: its HTML, and when the newest file it was made from changed (for Last-Modified). */
  record Page(String html, Instant modified) {
  }

  private final WebrootFiles files;

  PageAssembler(WebrootFiles files) {
    this.files = files;
  }

  /** The page served at {@code urlPath} ({@code /watch.html}), assembled; null when webroot has no such file. */
  Page assemble(String urlPath) {
    WebrootFiles.Text page = files.read(urlPath);
    if (page == null) {
      return null;
    }
    Matcher head = PAGE_HEAD.matcher(page.content());
    if (!head.find()) {
      throw new IllegalStateException(urlPath + " has no <head>");
    }
    String entry = null;
    List<String> own = new ArrayList<>();
    for (String line : head.group(1).strip().split("\\R")) {
      Matcher script = ENTRY.matcher(line.strip());
      if (script.matches()) {
        if (entry != null) {
          throw new IllegalStateException(urlPath + " names two entry modules: " + entry + " and " + script.group(1));
        }
        entry = script.group(1);
      } else if (!line.isBlank()) {
        own.add(INDENT + line.strip());
      }
    }
    if (entry == null) {
      throw new IllegalStateException(urlPath + " names no entry module (<script type=\"module\" src=…>)");
    }
    ModuleGraph graph = new ModuleGraph(files);
    List<String> preloads = graph.reachableFrom(entry).stream()
        .map(module -> INDENT + "<link rel=\"modulepreload\" href=\"" + module + "\">")
        .toList();
    // the page's own text goes in last, so nothing it says is taken for a slot
    String assembled = HEAD
        .replace("{preloads}\n", lines(preloads))
        .replace("{entry}", entry)
        .replace("{own}\n", lines(own));
    String html = page.content().substring(0, head.start()) + assembled + page.content().substring(head.end());
    Instant modified = graph.newest().isAfter(page.modified()) ? graph.newest() : page.modified();
    return new Page(html, modified);
  }

  private static String lines(List<String> lines) {
    return lines.stream().map(line -> line + "\n").collect(Collectors.joining());
  }
}
