package io.cordum.test;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test method its own {@link TestCordum} (an in-memory control
 * plane on a manual clock) as a parameter, and closes it after the test.
 *
 * <pre>{@code
 * @ExtendWith(CordumExtension.class)
 * class BillingTest {
 *   @Test
 *   void retriesOnce(TestCordum cordum) {
 *     cordum.worker("job.default", job -> JobOutput.of("ok"));
 *     String id = cordum.submit("job.default", "{}").jobId();
 *     cordum.awaitState(id, JobState.SUCCEEDED);
 *   }
 * }
 * }</pre>
 *
 * <p>With options: {@code @RegisterExtension static final CordumExtension CORDUM =
 * CordumExtension.with(b -> b.topics("job.billing").retryPolicy(...));}
 */
public final class CordumExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CordumExtension.class);
  private static final String KEY = "cordum";

  private final UnaryOperator<TestCordum.Builder> options;

  /** The defaults of {@link TestCordum#builder()} (used by {@code @ExtendWith}). */
  public CordumExtension() {
    this(UnaryOperator.identity());
  }

  private CordumExtension(UnaryOperator<TestCordum.Builder> options) {
    this.options = options;
  }

  /** An extension whose instances are built with these options. */
  public static CordumExtension with(UnaryOperator<TestCordum.Builder> options) {
    return new CordumExtension(Objects.requireNonNull(options, "options"));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestCordum.class
        && context.getTestMethod().isPresent();
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    TestCordum existing = store.get(KEY, TestCordum.class);
    if (existing != null) {
      return existing;
    }
    try {
      TestCordum t = options.apply(TestCordum.builder()).start();
      store.put(KEY, t);
      return t;
    } catch (RuntimeException e) {
      throw new ParameterResolutionException("could not start the test Cordum: " + e, e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestCordum t = context.getStore(NAMESPACE).remove(KEY, TestCordum.class);
    if (t != null) {
      t.close();
    }
  }
}
