package io.kinora;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The three tiers of docs/architecture.md: {@code app} wires features together; a feature may
 * use {@code video} and {@code platform}, never another feature; {@code platform} uses no
 * feature. A new top-level package must be added to one of the lists below.
 */
class ArchitectureTest {

  private static final String ROOT = "io.kinora.";
  private static final String VIDEO = "video";
  /** Every feature but {@code video}, the shared one. */
  private static final String[] FEATURES = {"account", "upload", "jobs", "transcode", "packaging", "playback",
      "events", "ops", "ui", "webhooks", "social", "captions"};

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("io.kinora");

  @Test
  void everyClassBelongsToATier() {
    String[] known = Stream.concat(Stream.of("app", "platform", VIDEO), Arrays.stream(FEATURES))
        .map(p -> ROOT + p + "..").toArray(String[]::new);
    classes().should().resideInAnyPackage(known).check(MAIN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"account", "upload", "jobs", "transcode", "packaging", "playback", "events", "ops", "ui", "webhooks", "social", "captions"})
  void aFeatureUsesOnlyVideoAndPlatform(String feature) {
    String[] others = Stream.concat(Arrays.stream(FEATURES).filter(f -> !f.equals(feature)), Stream.of("app"))
        .map(p -> ROOT + p + "..").toArray(String[]::new);
    noClasses().that().resideInAPackage(ROOT + feature + "..")
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .because("features meet only in video and platform; app wires them together")
        .check(MAIN);
  }

  @Test
  void videoUsesOnlyPlatform() {
    String[] others = Stream.concat(Arrays.stream(FEATURES), Stream.of("app"))
        .map(p -> ROOT + p + "..").toArray(String[]::new);
    noClasses().that().resideInAPackage(ROOT + VIDEO + "..")
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .check(MAIN);
  }

  @Test
  void platformUsesNoFeature() {
    String[] above = Stream.concat(Stream.of("app", VIDEO), Arrays.stream(FEATURES))
        .map(p -> ROOT + p + "..").toArray(String[]::new);
    noClasses().that().resideInAPackage(ROOT + "platform..")
        .should().dependOnClassesThat().resideInAnyPackage(above)
        .check(MAIN);
  }

  @Test
  void onlyAppWiresThingsTogether() {
    noClasses().that().resideOutsideOfPackage(ROOT + "app..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + "app..")
        .check(MAIN);
  }

  @Test
  void topLevelPackagesHaveNoCycles() {
    slices().matching("io.kinora.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void platformPackagesHaveNoCycles() {
    slices().matching("io.kinora.platform.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void nothingReachesIntoVertxInternals() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.vertx.core.internal..")
        .because("internal APIs change between Vert.x releases; pass what is needed in (see ClusterView)")
        .check(MAIN);
  }
}
