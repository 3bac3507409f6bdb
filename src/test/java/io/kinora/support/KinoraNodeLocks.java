package io.kinora.support;

import org.junit.jupiter.api.parallel.ResourceLocksProvider;

import java.util.Set;

/**
 * Test classes run side by side, but the classes of one shared node take turns: they share its
 * signed-in account, so one class's uploads would land in another's "totals relative to a count
 * taken before". The lock names the node as {@link KinoraNodeExtension} keys it: group and settings.
 */
public final class KinoraNodeLocks implements ResourceLocksProvider {

  @Override
  public Set<Lock> provideForClass(Class<?> testClass) {
    KinoraTest test = testClass.getAnnotation(KinoraTest.class);
    if (test == null) {
      return Set.of();
    }
    return Set.of(new Lock("kinora-node " + KinoraNodeExtension.nodeName(test)));
  }
}
