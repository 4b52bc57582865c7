package io.cordum.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cordum's public/internal boundary over the classes of every module (main code only). See {@link
 * Boundary} for what each rule means, and {@code docs/architecture.md} ("The public API") for the
 * decisions behind them.
 */
class BoundaryTest {
  private static JavaClasses cordum;

  @BeforeAll
  static void importClasses() {
    cordum =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cordum");
  }

  @Test
  void publicSignaturesUseOnlyPublicTypes() {
    Boundary.publicSignaturesUseOnlyPublicTypes().check(cordum);
  }

  @Test
  void publicSignaturesUseOnlyAllowedLibraries() {
    Boundary.publicSignaturesUseOnlyAllowedLibraries().check(cordum);
  }

  @Test
  void internalsStayInTheirModule() {
    Boundary.internalsStayInTheirModule().check(cordum);
  }

  @Test
  void apiNeedsOnlyTheJdk() {
    Boundary.apiNeedsOnlyTheJdk().check(cordum);
  }

  @Test
  void tlsNeedsOnlyTheJdkAndTheApi() {
    Boundary.tlsNeedsOnlyTheJdkAndTheApi().check(cordum);
  }

  @Test
  void guiceStaysInTheModules() {
    Boundary.guiceStaysInTheModules().check(cordum);
  }

  @Test
  void backendsDoNotNeedTheEngines() {
    Boundary.backendsDoNotNeedTheEngines().check(cordum);
  }
}
