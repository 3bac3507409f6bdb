package io.kinora.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the classes tagged {@code long} (more than half a minute on two cores) before the rest,
 * so that with classes side by side the run does not end with one long class still going alone.
 * The rest are interleaved: the classes of each shared node (which take turns) are spread evenly
 * through the order, among the classes with a node of their own. JUnit's threads take classes
 * from both ends of the order, so its middle runs last; interleaved, the last classes belong to
 * different nodes and run side by side instead of one after another.
 */
public final class LongestFirst implements ClassOrderer {

  public static final String TAG = "long";
  private static final String OWN_NODE = "";

  @Override
  public void orderClasses(ClassOrdererContext context) {
    List<? extends ClassDescriptor> classes = context.getClassDescriptors();
    Map<String, List<String>> byNode = new HashMap<>();
    classes.stream().filter(d -> !isLong(d))
        .sorted(Comparator.comparing(d -> d.getTestClass().getName()))
        .forEach(d -> byNode.computeIfAbsent(node(d), k -> new ArrayList<>()).add(d.getTestClass().getName()));
    // a node only one class uses is that class's own
    for (String node : List.copyOf(byNode.keySet())) {
      if (!node.equals(OWN_NODE) && byNode.get(node).size() == 1) {
        byNode.computeIfAbsent(OWN_NODE, k -> new ArrayList<>()).addAll(byNode.remove(node));
      }
    }
    // where each class falls in its node's queue (or among the classes with a node of their own), 0..1
    Map<String, Double> place = new HashMap<>();
    byNode.values().forEach(names -> {
      for (int i = 0; i < names.size(); i++) {
        place.put(names.get(i), (i + 0.5) / names.size());
      }
    });
    classes.sort(Comparator.comparing((ClassDescriptor d) -> !isLong(d))
        .thenComparing(d -> place.getOrDefault(d.getTestClass().getName(), 0.0))
        .thenComparing(d -> d.getTestClass().getName()));
  }

  /** The shared node a class runs on, or {@link #OWN_NODE}. */
  private static String node(ClassDescriptor descriptor) {
    return descriptor.findAnnotation(KinoraTest.class).map(KinoraNodeExtension::nodeName).orElse(OWN_NODE);
  }

  private static boolean isLong(ClassDescriptor descriptor) {
    return descriptor.findRepeatableAnnotations(Tag.class).stream().anyMatch(tag -> TAG.equals(tag.value()));
  }
}
