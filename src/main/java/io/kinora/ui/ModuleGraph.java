package io.kinora.ui;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ES modules an entry module reaches through static imports ({@code import … from '…'},
 * {@code import '…'}, {@code export … from '…'}), followed transitively: what its page must
 * preload so the browser fetches them all at once instead of one import level per round trip.
 * Dynamic {@code import()} is not followed: a module loaded on demand is not preloaded.
 */
final class ModuleGraph {

  /** A statement at the start of a line; an import list may span lines, a string never holds a quote. */
  private static final Pattern STATIC_IMPORT =
      Pattern.compile("^\\s*(?:import|export)\\s+(?:[^'\";]*?\\s+from\\s+)?['\"]([^'\"]+)['\"]", Pattern.MULTILINE);

  private final WebrootFiles files;
  private Instant newest = Instant.EPOCH;

  ModuleGraph(WebrootFiles files) {
    this.files = files;
  }

  /** Every module {@code entry} reaches, itself left out, sorted by URL path. */
  SortedSet<String> reachableFrom(String entry) {
    SortedSet<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(entry));
    while (!todo.isEmpty()) {
      for (String target : directImports(todo.pop())) {
        if (!target.equals(entry) && seen.add(target)) {
          todo.push(target);
        }
      }
    }
    return seen;
  }

  /** When the most recently changed module read so far changed. */
  Instant newest() {
    return newest;
  }

  private List<String> directImports(String module) {
    WebrootFiles.Text source = files.read(module);
    if (source == null) {
      throw new IllegalStateException("webroot has no module " + module);
    }
    if (source.modified().isAfter(newest)) {
      newest = source.modified();
    }
    List<String> targets = new ArrayList<>();
    Matcher m = STATIC_IMPORT.matcher(source.content());
    while (m.find()) {
      String specifier = m.group(1);
      // without a build step or an import map the browser resolves only URLs, not package names
      if (!specifier.startsWith("./") && !specifier.startsWith("../") && !specifier.startsWith("/")) {
        throw new IllegalStateException(module + " imports " + specifier + ": only paths on this origin");
      }
      targets.add(URI.create(module).resolve(specifier).getPath());
    }
    return targets;
  }
}
