package io.cvtailor.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules, as sentences: kernel <- artifacts <- embeddings <- search <- cv <- app. */
class ModuleRulesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // In a reactor build other modules' test fixtures come as their "-tests.jar"
            // (documents'
            // fixtures, artifacts' test support), which DO_NOT_INCLUDE_TESTS does not recognise.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.cvtailor");
  }

  private static void check(ArchRule rule) {
    rule.check(classes);
  }

  @Test
  void the_shared_kernel_depends_on_no_module() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.cvtailor.kernel..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.cvtailor.artifacts..",
                "io.cvtailor.embeddings..",
                "io.cvtailor.search..",
                "io.cvtailor.cv..",
                "io.cvtailor.documents..",
                "io.cvtailor.app..",
                "io.cvtailor.measure.."));
  }

  @Test
  void artifacts_depends_on_no_other_module() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.cvtailor.artifacts..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.cvtailor.embeddings..",
                "io.cvtailor.search..",
                "io.cvtailor.cv..",
                "io.cvtailor.documents..",
                "io.cvtailor.app.."));
  }

  @Test
  void embeddings_depends_only_on_artifacts() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.cvtailor.embeddings..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.cvtailor.search..", "io.cvtailor.cv..", "io.cvtailor.app.."));
  }

  @Test
  void search_does_not_depend_on_cv_or_app() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.cvtailor.search..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.cvtailor.cv..", "io.cvtailor.app.."));
  }

  @Test
  void cv_does_not_depend_on_app() {
    check(
        noClasses()
            .that()
            .resideInAPackage("io.cvtailor.cv..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.cvtailor.app.."));
  }

  @Test
  void documents_depends_only_on_artifacts_and_the_embeddings_api() {
    // The embeddings API reads unusual headings by meaning; its internals stay out of reach.
    check(
        noClasses()
            .that()
            .resideInAPackage("io.cvtailor.documents..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.cvtailor.embeddings.internal..",
                "io.cvtailor.search..",
                "io.cvtailor.cv..",
                "io.cvtailor.app.."));
  }

  @Test
  void no_module_touches_another_modules_internals() {
    for (String module : new String[] {"artifacts", "embeddings", "search", "cv", "documents"}) {
      check(
          noClasses()
              .that()
              .resideOutsideOfPackage("io.cvtailor." + module + "..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage("io.cvtailor." + module + ".internal..")
              .as("no module outside " + module + " touches " + module + "'s internal packages"));
    }
  }

  @Test
  void modules_have_no_cycles() {
    check(slices().matching("io.cvtailor.(*)..").should().beFreeOfCycles());
  }
}
