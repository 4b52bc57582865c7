package io.cordum.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.cordum.architecture.fixture.api.Clean;
import io.cordum.architecture.fixture.api.Leaky;
import io.cordum.architecture.fixture.guice.PlainStore;
import io.cordum.architecture.fixture.guice.Store;
import io.cordum.architecture.fixture.guice.StoreModule;
import io.cordum.architecture.fixture.internal.Secret;
import org.junit.jupiter.api.Test;

/** The boundary rules catch what they are meant to catch, on small fixtures. */
class BoundaryRulesTest {

  private static JavaClasses load(Class<?>... types) {
    return new ClassFileImporter().importClasses(types);
  }

  @Test
  void aPublicSignatureThatMentionsAnInternalTypeFails() {
    assertThatThrownBy(
            () ->
                Boundary.publicSignaturesUseOnlyPublicTypes()
                    .check(load(Leaky.class, Secret.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Leaky.secrets()")
        .hasMessageContaining("returns io.cordum.architecture.fixture.internal.Secret")
        .hasMessageNotContaining("Leaky.count()");
  }

  @Test
  void aPublicSignatureThatMentionsAPackagePrivateTypeFails() {
    assertThatThrownBy(
            () ->
                Boundary.publicSignaturesUseOnlyPublicTypes()
                    .check(
                        new ClassFileImporter()
                            .importPackages("io.cordum.architecture.fixture.api")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("LeakyParameter.<init>(io.cordum.architecture.fixture.api.Hidden)");
  }

  @Test
  void internalTypesUsedOnlyInsideAreFine() {
    assertThatCode(
            () ->
                Boundary.publicSignaturesUseOnlyPublicTypes()
                    .check(load(Clean.class, Secret.class)))
        .doesNotThrowAnyException();
  }

  @Test
  void aBackendClassThatUsesItsGuiceModuleFails() {
    assertThatThrownBy(
            () ->
                Boundary.guiceStaysInTheModules("io.cordum.architecture.fixture.guice..")
                    .check(load(Store.class, StoreModule.class, PlainStore.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(Store.class.getName() + ".name()")
        .hasMessageContaining(StoreModule.class.getName())
        .hasMessageNotContaining(PlainStore.class.getName());
  }

  @Test
  void aGuiceModuleMayUseGuiceAndAPlainClassNeedsNone() {
    assertThatCode(
            () ->
                Boundary.guiceStaysInTheModules("io.cordum.architecture.fixture.guice..")
                    .check(load(StoreModule.class, PlainStore.class)))
        .doesNotThrowAnyException();
  }

  @Test
  void boundaryTestChecksEveryRule() {
    long tests =
        java.util.Arrays.stream(BoundaryTest.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Test.class))
            .count();
    org.assertj.core.api.Assertions.assertThat(Boundary.all()).hasSize((int) tests);
  }
}
