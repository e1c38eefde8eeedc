package io.cvtailor.measure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules for measurement-module, as sentences: {@code ./cvtailor eval} and {@code
 * ./cvtailor bench} measure cvtailor from outside, so they use what any client may use (the HTTP
 * API, the modules' public API packages, the test support) and nothing of the application needs
 * them.
 */
class MeasurementRulesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cvtailor");
  }

  @Test
  void the_benches_and_evaluations_touch_no_modules_internals() {
    noClasses()
        .that()
        .resideInAPackage("io.cvtailor.measure..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.cvtailor..internal..")
        .check(classes);
  }

  @Test
  void no_module_depends_on_the_benches() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.cvtailor.measure..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.cvtailor.measure..")
        .check(classes);
  }
}
