package io.kinora.support;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts the node a {@link KinoraTest} class asks for, at most once per test run for each group
 * and settings, and sets the class's static {@link KinoraClient}, {@link TestNode} and {@link
 * RedisServer} fields.
 *
 * <p>Each node lives on a Vert.x of its own, not on the one {@code VertxExtension} hands a class
 * (that one is closed after the class), and in the root store, which JUnit closes when the whole
 * run ends.
 */
public final class KinoraNodeExtension implements BeforeAllCallback {

  private static final Namespace NAMESPACE = Namespace.create(KinoraNodeExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Class<?> testClass = context.getRequiredTestClass();
    KinoraTest test = AnnotationSupport.findAnnotation(testClass, KinoraTest.class)
        .orElseThrow(() -> new ExtensionConfigurationException(testClass + " is not annotated @KinoraTest"));
    SharedNode shared = sharedNode(context, test.group(), settings(test));
    for (Field field : ReflectionSupport.findFields(testClass, f -> true, HierarchyTraversalMode.TOP_DOWN)) {
      Object value = shared.provide(field.getType());
      if (value == null) {
        continue;
      }
      if (!ModifierSupport.isStatic(field) || ModifierSupport.isFinal(field)) {
        throw new ExtensionConfigurationException(
            "@KinoraTest sets static, non-final fields only: " + testClass.getSimpleName() + "." + field.getName());
      }
      field.setAccessible(true);
      field.set(null, value);
    }
  }

  /** Which shared node a class runs on: classes with the same name share one. */
  static String nodeName(KinoraTest test) {
    return test.group() + " " + settings(test);
  }

  static Map<String, String> settings(KinoraTest test) {
    Map<String, String> settings = new TreeMap<>();
    for (String setting : test.settings()) {
      int eq = setting.indexOf('=');
      if (eq <= 0) {
        throw new ExtensionConfigurationException("a setting is KEY=VALUE, not \"" + setting + "\"");
      }
      settings.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
    }
    return settings;
  }

  private static SharedNode sharedNode(ExtensionContext context, String group, Map<String, String> settings) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    List<Object> key = List.of(group, settings);
    return store.getOrComputeIfAbsent(key, k -> SharedNode.start(settings), SharedNode.class);
  }

  /** Redis, a node on its own Vert.x, and a client: kept for the rest of the run. */
  static final class SharedNode implements ExtensionContext.Store.CloseableResource {

    private final Vertx vertx;
    private final RedisServer redis;
    private final TestNode node;
    private final KinoraClient client;

    private SharedNode(Vertx vertx, RedisServer redis, TestNode node, KinoraClient client) {
      this.vertx = vertx;
      this.redis = redis;
      this.node = node;
      this.client = client;
    }

    static SharedNode start(Map<String, String> settings) {
      Vertx vertx = Vertx.vertx();
      RedisServer redis = null;
      try {
        redis = RedisServer.start();
        TestNode node = TestNode.start(vertx, redis, settings);
        return new SharedNode(vertx, redis, node, KinoraClient.signedUp(vertx, node.httpPort()));
      } catch (Exception e) {
        if (redis != null) {
          redis.close();
        }
        vertx.close();
        throw new ExtensionConfigurationException("could not start a node with " + settings, e);
      }
    }

    Object provide(Class<?> type) {
      if (type == KinoraClient.class) {
        return client;
      }
      if (type == TestNode.class) {
        return node;
      }
      if (type == RedisServer.class) {
        return redis;
      }
      return null;
    }

    @Override
    public void close() throws Exception {
      client.close();
      try {
        node.close();
      } finally {
        try {
          vertx.close().await(30, TimeUnit.SECONDS);
        } finally {
          redis.close();
        }
      }
    }
  }
}
