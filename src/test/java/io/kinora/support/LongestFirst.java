package io.kinora.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;

import java.util.Comparator;

/**
 * Starts the classes tagged {@code long} (more than half a minute on two cores) before the rest,
 * so that with classes side by side the run does not end with one long class still going alone.
 * Otherwise classes keep their names' order.
 */
public final class LongestFirst implements ClassOrderer {

  public static final String TAG = "long";

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor d) -> !isLong(d))
        .thenComparing(d -> d.getTestClass().getName()));
  }

  private static boolean isLong(ClassDescriptor descriptor) {
    return descriptor.findRepeatableAnnotations(Tag.class).stream().anyMatch(tag -> TAG.equals(tag.value()));
  }
}
