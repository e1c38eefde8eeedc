package io.cvtailor.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cvtailor.kernel.log.RequestIds;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Every line the project logs while serving a request names the request (RequestIds). */
class LoggingRulesTest {

  @Test
  void loggers_come_from_RequestIds_so_that_their_lines_name_the_request() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.cvtailor");
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(RequestIds.class.getName())
        .should()
        .callMethod(Logger.class, "getLogger", String.class)
        .orShould()
        .callMethod(Logger.class, "getLogger", String.class, String.class)
        .because("RequestIds.logger(Owner.class) prefixes the request id")
        .check(classes);
  }
}
