package io.cordum.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.core.scheduler.TimeoutConfig.TopicTimeout;
import io.cordum.core.scheduler.TimeoutConfig.WorkflowTimeout;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeoutConfigTest {
  /** The default dispatch timeout (Cordum's was 300 s; issue 12 chose 10 s). */
  private static final Duration DISPATCH = Duration.ofSeconds(10);

  private static final Duration S9000 = Duration.ofSeconds(9000);

  /** The default scan interval (Cordum's was 30 s; issue 12 chose 5 s). */
  private static final Duration SCAN = Duration.ofSeconds(5);

  private static ValidationException invalid(String text) {
    ValidationException e =
        catchThrowableOfType(ValidationException.class, () -> TimeoutConfig.parse(text));
    assertThat(e).as("expected a ValidationException for:%n%s", text).isNotNull();
    return e;
  }

  private static List<String> fields(ValidationException e) {
    return e.violations().stream().map(Violation::field).toList();
  }

  // ---------------------------------------------------------------- defaults

  @Test
  void defaultsAreTheDocumentedValues() {
    assertThat(TimeoutConfig.DEFAULT.dispatchTimeout()).isEqualTo(DISPATCH);
    assertThat(TimeoutConfig.DEFAULT.runningTimeout()).isEqualTo(S9000);
    assertThat(TimeoutConfig.DEFAULT.scanInterval()).isEqualTo(SCAN);
    assertThat(TimeoutConfig.DEFAULT.topics()).isEmpty();
    assertThat(TimeoutConfig.DEFAULT.workflows()).isEmpty();
    assertThat(TimeoutConfig.DEFAULT.runningTimeoutFor("job.default")).isEqualTo(S9000);
    assertThat(TimeoutConfig.DEFAULT.maxRetriesFor("job.default")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   \n", "---", "null", "# nothing here", "{}"})
  void anEmptyDocumentGivesTheDefaults(String text) {
    assertThat(TimeoutConfig.parse(text)).isEqualTo(TimeoutConfig.DEFAULT);
  }

  @Test
  void emptyOrNullSectionsGiveTheDefaults() {
    TimeoutConfig cfg =
        TimeoutConfig.parse(
            """
        topics:
        workflows: {}
        reconciler:
        """);

    assertThat(cfg).isEqualTo(TimeoutConfig.DEFAULT);
  }

  // ---------------------------------------------------------------- reconciler

  @Test
  void partialReconcilerKeepsTheOtherDefaults() {
    // TestLoadTimeoutsPartial; unlike the original, running stays 9000 s, not 5 min
    TimeoutConfig cfg = TimeoutConfig.parse("reconciler: {dispatch_timeout_seconds: 60}");

    assertThat(cfg.dispatchTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(cfg.runningTimeout()).isEqualTo(S9000);
    assertThat(cfg.scanInterval()).isEqualTo(SCAN);
    assertThat(cfg.topics()).isNotNull().isEmpty();
    assertThat(cfg.workflows()).isNotNull().isEmpty();
  }

  @Test
  void everyReconcilerValueIsPassedThrough() {
    TimeoutConfig cfg =
        TimeoutConfig.parse(
            """
        reconciler:
          dispatch_timeout_seconds: 10
          running_timeout_seconds: 20
          scan_interval_seconds: 5
        """);

    assertThat(cfg.dispatchTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(cfg.runningTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(cfg.scanInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(cfg.runningTimeoutFor("job.any")).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void zeroMeansUseTheDefault() {
    TimeoutConfig cfg =
        TimeoutConfig.parse(
            """
        reconciler:
          dispatch_timeout_seconds: 0
          running_timeout_seconds: 0
          scan_interval_seconds: 7
        topics:
          job.batch: {timeout_seconds: 0}
        workflows:
          wf-1: {child_timeout_seconds: 0, total_timeout_seconds: 0}
        """);

    assertThat(cfg.dispatchTimeout()).isEqualTo(DISPATCH);
    assertThat(cfg.runningTimeout()).isEqualTo(S9000);
    assertThat(cfg.scanInterval()).isEqualTo(Duration.ofSeconds(7));
    assertThat(cfg.runningTimeoutFor("job.batch")).isEqualTo(S9000);
    assertThat(cfg.workflows().get("wf-1")).isEqualTo(new WorkflowTimeout(null, null, null));
  }

  // ---------------------------------------------------------------- topics and workflows

  @Test
  void perTopicTimeoutAndRetries() {
    TimeoutConfig cfg =
        TimeoutConfig.parse(
            """
        topics:
          job.batch: {timeout_seconds: 600, max_retries: 2}
          job.retry-only: {max_retries: 5}
          job.timeout-only: {timeout_seconds: 42}
        reconciler: {running_timeout_seconds: 120}
        """);

    assertThat(cfg.runningTimeoutFor("job.batch")).isEqualTo(Duration.ofSeconds(600));
    assertThat(cfg.maxRetriesFor("job.batch")).contains(2);
    assertThat(cfg.runningTimeoutFor("job.retry-only")).isEqualTo(Duration.ofSeconds(120));
    assertThat(cfg.maxRetriesFor("job.retry-only")).contains(5);
    assertThat(cfg.runningTimeoutFor("job.timeout-only")).isEqualTo(Duration.ofSeconds(42));
    assertThat(cfg.maxRetriesFor("job.timeout-only")).isEmpty();
    assertThat(cfg.runningTimeoutFor("job.unknown")).isEqualTo(Duration.ofSeconds(120));
    assertThat(cfg.maxRetriesFor("job.unknown")).isEmpty();
    assertThat(cfg.topics())
        .containsEntry("job.batch", new TopicTimeout(Duration.ofSeconds(600), 2));
  }

  @Test
  void explicitZeroRetriesForATopicIsKept() {
    // a count of 0 is meaningful (never retry this topic), unlike a zero timeout
    TimeoutConfig cfg = TimeoutConfig.parse("topics: {job.once: {max_retries: 0}}");

    assertThat(cfg.maxRetriesFor("job.once")).isEqualTo(Optional.of(0));
  }

  @Test
  void workflowSection() {
    TimeoutConfig cfg =
        TimeoutConfig.parse(
            """
        workflows:
          wf-1: {child_timeout_seconds: 60, total_timeout_seconds: 600, max_retries: 1}
          wf-2: {total_timeout_seconds: 30}
        """);

    assertThat(cfg.workflows())
        .containsExactly(
            Map.entry(
                "wf-1", new WorkflowTimeout(Duration.ofSeconds(60), Duration.ofSeconds(600), 1)),
            Map.entry("wf-2", new WorkflowTimeout(null, Duration.ofSeconds(30), null)));
    assertThat(cfg.topics()).isEmpty();
    assertThat(cfg.dispatchTimeout()).isEqualTo(DISPATCH);
  }

  @Test
  void parsesJson() {
    TimeoutConfig cfg =
        TimeoutConfig.parse(
            """
        {"topics": {"job.batch": {"timeout_seconds": 600, "max_retries": 2}},
         "reconciler": {"dispatch_timeout_seconds": 10}}
        """);

    assertThat(cfg.dispatchTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(cfg.runningTimeoutFor("job.batch")).isEqualTo(Duration.ofSeconds(600));
    assertThat(cfg.maxRetriesFor("job.batch")).contains(2);
  }

  // ---------------------------------------------------------------- validation

  @Test
  void negativeValueIsRejectedNamingThePath() {
    // TestParseTimeoutsSchemaInvalid (-5)
    ValidationException e = invalid("reconciler: {dispatch_timeout_seconds: -5}");

    assertThat(e.violations())
        .containsExactly(
            new Violation("reconciler.dispatch_timeout_seconds", "must be an integer >= 0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "\"10\"", "ten", "true", "[1]", "{a: 1}"})
  void nonIntegerValuesAreRejected(String value) {
    ValidationException e = invalid("topics: {job.batch: {timeout_seconds: " + value + "}}");

    assertThat(e.violations())
        .containsExactly(
            new Violation("topics.job.batch.timeout_seconds", "must be an integer >= 0"));
  }

  @Test
  void retryCountsOutOfIntRangeAreRejected() {
    ValidationException e =
        invalid(
            """
        topics: {job.a: {max_retries: 3000000000}}
        workflows: {wf: {max_retries: -1}}
        """);

    assertThat(fields(e))
        .containsExactlyInAnyOrder("topics.job.a.max_retries", "workflows.wf.max_retries");
  }

  @Test
  void unknownKeysAreRejectedNamingThePath() {
    ValidationException e =
        invalid(
            """
        extra: 1
        reconciler: {dispatch_timeout: 10}
        topics: {job.a: {timeout: 5}}
        workflows: {wf-1: {retries: 1}}
        """);

    assertThat(fields(e))
        .containsExactlyInAnyOrder(
            "extra",
            "reconciler.dispatch_timeout",
            "topics.job.a.timeout",
            "workflows.wf-1.retries");
    assertThat(e.violations()).allSatisfy(v -> assertThat(v.rule()).startsWith("unknown key"));
  }

  @Test
  void listsEveryViolationAtOnce() {
    ValidationException e =
        invalid(
            """
        reconciler:
          dispatch_timeout_seconds: -1
          running_timeout_seconds: 2.5
          scan_interval_seconds: "x"
        topics:
          job.a: 5
          job.b: {timeout_seconds: -3, max_retries: 1.0}
        workflows:
          wf-1: [a]
          wf-2: {child_timeout_seconds: -1, total_timeout_seconds: x, max_retries: y}
        """);

    assertThat(fields(e))
        .containsExactlyInAnyOrder(
            "reconciler.dispatch_timeout_seconds",
            "reconciler.running_timeout_seconds",
            "reconciler.scan_interval_seconds",
            "topics.job.a",
            "topics.job.b.timeout_seconds",
            "topics.job.b.max_retries",
            "workflows.wf-1",
            "workflows.wf-2.child_timeout_seconds",
            "workflows.wf-2.total_timeout_seconds",
            "workflows.wf-2.max_retries");
    assertThat(e.violations())
        .contains(
            new Violation("topics.job.a", "must be a mapping"),
            new Violation("workflows.wf-1", "must be a mapping"));
  }

  @Test
  void sectionsThatAreNotMappingsAreRejected() {
    ValidationException e =
        invalid(
            """
        reconciler: 5
        topics: [a]
        workflows: x
        """);

    assertThat(e.violations())
        .containsExactlyInAnyOrder(
            new Violation("reconciler", "must be a mapping"),
            new Violation("topics", "must be a mapping"),
            new Violation("workflows", "must be a mapping"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"- a\n- b", "42", "just text"})
  void aRootThatIsNotAMappingIsRejected(String text) {
    ValidationException e = invalid(text);

    assertThat(e.violations()).containsExactly(new Violation("timeouts", "must be a mapping"));
  }

  @Test
  void malformedYamlIsRejected() {
    // TestParseTimeoutsInvalid
    ValidationException e = invalid("reconciler: [unclosed\n  - : :");

    assertThat(fields(e)).containsExactly("timeouts");
    assertThat(e.violations().get(0).rule()).startsWith("is not valid YAML or JSON");
  }

  // ---------------------------------------------------------------- record

  @Test
  void constructorRejectsNonPositiveDurationsNamingTheField() {
    assertThatThrownBy(() -> new TimeoutConfig(Duration.ZERO, S9000, SCAN, Map.of(), Map.of()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(fields(e)).containsExactly("reconciler.dispatch_timeout_seconds"));
    assertThatThrownBy(
            () -> new TimeoutConfig(DISPATCH, Duration.ofSeconds(-1), SCAN, Map.of(), Map.of()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(fields(e)).containsExactly("reconciler.running_timeout_seconds"));
    assertThatThrownBy(() -> new TimeoutConfig(DISPATCH, S9000, null, Map.of(), Map.of()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(fields(e)).containsExactly("reconciler.scan_interval_seconds"));
  }

  @Test
  void mapsAreCopiedAndUnmodifiable() {
    Map<String, TopicTimeout> topics = new HashMap<>();
    topics.put("job.a", new TopicTimeout(Duration.ofSeconds(5), 1));
    TimeoutConfig cfg = new TimeoutConfig(DISPATCH, S9000, SCAN, topics, Map.of());

    topics.put("job.b", new TopicTimeout(Duration.ofSeconds(6), 2));

    assertThat(cfg.topics()).containsOnlyKeys("job.a");
    assertThatThrownBy(() -> cfg.topics().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cfg.workflows().put("wf", new WorkflowTimeout(null, null, null)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  // ---------------------------------------------------------------- load

  @Test
  void loadsFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("timeouts.yaml");
    Files.writeString(
        file,
        """
        topics:
          job.batch: {timeout_seconds: 600}
        reconciler:
          scan_interval_seconds: 15
        """);

    TimeoutConfig cfg = TimeoutConfig.load(file);

    assertThat(cfg.runningTimeoutFor("job.batch")).isEqualTo(Duration.ofSeconds(600));
    assertThat(cfg.scanInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(cfg.dispatchTimeout()).isEqualTo(DISPATCH);
  }

  @Test
  void loadingAnEmptyFileGivesTheDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("timeouts.yaml");
    Files.writeString(file, "");

    assertThat(TimeoutConfig.load(file)).isEqualTo(TimeoutConfig.DEFAULT);
  }

  @Test
  void loadingAMissingFileFailsNamingThePath(@TempDir Path dir) {
    // TestLoadTimeoutsMissingFile: the caller decides whether to fall back to DEFAULT
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> TimeoutConfig.load(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot read timeout config")
        .hasMessageContaining(missing.toString());
  }
}
