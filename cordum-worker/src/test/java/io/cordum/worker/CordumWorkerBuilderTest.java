package io.cordum.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.memory.InMemoryBus;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builder validation: missing or invalid options are one {@link ValidationException} listing each
 * of them with its rule.
 */
class CordumWorkerBuilderTest {
  private final InMemoryBus bus = InMemoryBus.builder().build();

  @AfterEach
  void tearDown() {
    bus.close();
  }

  private CordumWorker.Builder valid() {
    return CordumWorker.builder()
        .bus(bus)
        .handler(job -> JobOutput.empty())
        .pool("default")
        .topics("job.default");
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        Arguments.of(
            "missing bus",
            "bus",
            (UnaryOperator<CordumWorker.Builder>)
                b ->
                    CordumWorker.builder()
                        .handler(job -> JobOutput.empty())
                        .pool("p")
                        .topics("job.p")),
        Arguments.of(
            "missing handler",
            "handler",
            (UnaryOperator<CordumWorker.Builder>)
                b ->
                    CordumWorker.builder()
                        .bus(InMemoryBus.builder().build())
                        .pool("p")
                        .topics("job.p")),
        Arguments.of(
            "missing pool",
            "pool",
            (UnaryOperator<CordumWorker.Builder>)
                b ->
                    CordumWorker.builder()
                        .bus(InMemoryBus.builder().build())
                        .handler(job -> JobOutput.empty())
                        .topics("job.p")),
        Arguments.of("blank pool", "pool", op(b -> b.pool("  "))),
        Arguments.of(
            "missing topics",
            "topics",
            (UnaryOperator<CordumWorker.Builder>)
                b ->
                    CordumWorker.builder()
                        .bus(InMemoryBus.builder().build())
                        .handler(job -> JobOutput.empty())
                        .pool("p")),
        Arguments.of("empty topic", "topics", op(b -> b.topics(""))),
        Arguments.of("empty token in topic", "topics", op(b -> b.topics("job..default"))),
        Arguments.of("space in topic", "topics", op(b -> b.topics("job.de fault"))),
        Arguments.of("trailing dot in topic", "topics", op(b -> b.topics("job.default."))),
        Arguments.of("'>' not last in topic", "topics", op(b -> b.topics("job.>.x"))),
        Arguments.of("worker id with a dot", "workerId", op(b -> b.workerId("a.b"))),
        Arguments.of("worker id with a space", "workerId", op(b -> b.workerId("a b"))),
        Arguments.of("worker id '*'", "workerId", op(b -> b.workerId("*"))),
        Arguments.of("worker id '>'", "workerId", op(b -> b.workerId(">"))),
        Arguments.of("empty worker id", "workerId", op(b -> b.workerId(""))),
        Arguments.of("maxParallel 0", "maxParallel", op(b -> b.maxParallel(0))),
        Arguments.of("maxParallel -1", "maxParallel", op(b -> b.maxParallel(-1))),
        Arguments.of(
            "zero heartbeat interval",
            "heartbeatInterval",
            op(b -> b.heartbeatInterval(Duration.ZERO))),
        Arguments.of(
            "negative heartbeat interval",
            "heartbeatInterval",
            op(b -> b.heartbeatInterval(Duration.ofSeconds(-1)))));
  }

  private static UnaryOperator<CordumWorker.Builder> op(UnaryOperator<CordumWorker.Builder> f) {
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidOptions")
  void anInvalidOptionIsRejectedWithItsName(
      String label, String option, UnaryOperator<CordumWorker.Builder> change) {
    CordumWorker.Builder b = change.apply(valid());

    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations()).extracting(Violation::field).containsExactly(option))
        .hasMessageContaining(option + ":");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.b", "a b", "*", ">"})
  void anInvalidWorkerIdIsQuotedInTheMessage(String id) {
    assertThatThrownBy(() -> valid().workerId(id).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("\"" + id + "\"");
  }

  @Test
  void anInvalidTopicIsQuotedInTheMessage() {
    assertThatThrownBy(() -> valid().topics("job.ok", "job..bad").build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(new Violation("topics", "not a valid subject: \"job..bad\"")));
  }

  @Test
  void aValidBuilderBuildsAWorkerWithTheGivenId() {
    try (CordumWorker w = valid().workerId("gpu-box_1").maxParallel(8).build()) {
      assertThat(w.workerId()).isEqualTo("gpu-box_1");
      assertThat(w.activeJobs()).isZero();
    }
  }

  @Test
  void theDefaultWorkerIdIsARandomSubjectToken() {
    try (CordumWorker a = valid().build();
        CordumWorker b = valid().build()) {
      assertThat(a.workerId()).matches("worker-[0-9a-f]{8}");
      assertThat(a.workerId()).isNotEqualTo(b.workerId());
    }
  }

  @Test
  void severalTopicsAreAccepted() {
    try (CordumWorker w = valid().topics("job.batch", "job.gpu.*").build()) {
      assertThat(w.workerId()).isNotBlank();
    }
  }
}
