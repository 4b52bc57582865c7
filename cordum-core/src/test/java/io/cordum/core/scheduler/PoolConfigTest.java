package io.cordum.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolConfigTest {

  private static ValidationException invalid(String text) {
    ValidationException e =
        catchThrowableOfType(ValidationException.class, () -> PoolConfig.parse(text));
    assertThat(e).as("expected a ValidationException for:%n%s", text).isNotNull();
    return e;
  }

  private static List<String> fields(ValidationException e) {
    return e.violations().stream().map(Violation::field).toList();
  }

  // ---------------------------------------------------------------- parsing

  @Test
  void parsesStringAndListTopicsAndPoolRequires() {
    // TestLoadPoolConfigSuccess
    PoolConfig cfg =
        PoolConfig.parse(
            """
        topics:
          job.default: default
          job.batch: [batch, batch-b]
          job.ml:
            - gpu
        pools:
          default:
            requires: []
          gpu:
            requires: [gpu, cuda]
          batch:
        """);

    assertThat(cfg.topics())
        .containsExactly(
            Map.entry("job.default", List.of("default")),
            Map.entry("job.batch", List.of("batch", "batch-b")),
            Map.entry("job.ml", List.of("gpu")));
    assertThat(cfg.pools())
        .containsExactly(
            Map.entry("default", List.of()),
            Map.entry("gpu", List.of("gpu", "cuda")),
            Map.entry("batch", List.of()));
  }

  @Test
  void firstPoolOfEachTopicComesFirst() {
    // the intent of TestPoolRoutingTopicToPool / TestLoadPoolTopicsLegacy: order is kept
    PoolConfig cfg =
        PoolConfig.parse(
            """
        topics:
          job.z: [z1, z2]
          job.a: [a1, a2, a3]
        """);

    assertThat(cfg.topics().keySet()).containsExactly("job.z", "job.a");
    assertThat(cfg.topics().get("job.z").get(0)).isEqualTo("z1");
    assertThat(cfg.topics().get("job.a").get(0)).isEqualTo("a1");
  }

  @Test
  void parsesJson() {
    PoolConfig cfg =
        PoolConfig.parse(
            """
        {"topics": {"job.default": "default", "job.batch": ["batch", "batch-b"]},
         "pools": {"gpu": {"requires": ["gpu"]}}}
        """);

    assertThat(cfg.topics())
        .containsExactly(
            Map.entry("job.default", List.of("default")),
            Map.entry("job.batch", List.of("batch", "batch-b")));
    assertThat(cfg.pools()).containsExactly(Map.entry("gpu", List.of("gpu")));
  }

  @Test
  void missingOrNullPoolsIsAnEmptyMap() {
    assertThat(PoolConfig.parse("topics: {job.default: default}").pools()).isEmpty();
    assertThat(PoolConfig.parse("topics: {job.default: default}\npools:\n").pools()).isEmpty();
  }

  @Test
  void trimsPoolNamesAndRequirements() {
    PoolConfig cfg =
        PoolConfig.parse(
            """
        topics:
          job.a: "  a  "
          job.b: [" b1 ", b2]
        pools:
          a: {requires: ["  gpu  "]}
        """);

    assertThat(cfg.topics().get("job.a")).containsExactly("a");
    assertThat(cfg.topics().get("job.b")).containsExactly("b1", "b2");
    assertThat(cfg.pools().get("a")).containsExactly("gpu");
  }

  @Test
  void parsedConfigRoutesLikeTheBuilderOne() {
    PoolConfig parsed =
        PoolConfig.parse(
            """
        topics: {job.default: default}
        pools: {default: {requires: []}}
        """);

    assertThat(parsed).isEqualTo(PoolConfig.DEFAULT);
  }

  // ---------------------------------------------------------------- validation

  @ParameterizedTest
  @ValueSource(strings = {"", "  \n\t "})
  void emptyTextIsRejected(String text) {
    ValidationException e = invalid(text);

    assertThat(e.violations()).containsExactly(new Violation("pools", "the pool config is empty"));
    assertThat(e.type()).isEqualTo("validation_failed");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void malformedYamlIsRejected() {
    ValidationException e = invalid("topics: [unclosed\n  - : :");

    assertThat(fields(e)).containsExactly("pools");
    assertThat(e.violations().get(0).rule()).startsWith("is not valid YAML or JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {"- a\n- b", "just a string", "42", "# only a comment", "null"})
  void aRootThatIsNotAMappingIsRejected(String text) {
    ValidationException e = invalid(text);

    assertThat(e.violations())
        .containsExactly(new Violation("pools", "must be a mapping with 'topics' and 'pools'"));
  }

  @Test
  void emptyTopicsIsRejected() {
    // TestLoadPoolConfigErrors: topics: {}
    ValidationException e = invalid("topics: {}");

    assertThat(e.violations())
        .containsExactly(
            new Violation("topics", "is required and must map at least one topic to a pool"));
  }

  @Test
  void missingTopicsIsRejected() {
    ValidationException e = invalid("pools: {default: {requires: []}}");

    assertThat(fields(e)).containsExactly("topics");
  }

  @Test
  void topicsThatAreNotAMappingAreRejected() {
    assertThat(fields(invalid("topics: [job.default]"))).containsExactly("topics");
    assertThat(fields(invalid("topics: job.default"))).containsExactly("topics");
  }

  @Test
  void listsEveryViolationWithItsPath() {
    ValidationException e =
        invalid(
            """
        extra: 1
        topics:
          job.ok: default
          "job.*": default
          job.blank: "  "
          job.number: 5
          job.emptylist: []
          job.list: [a, "", 7]
        pools:
          gpu:
            requires: gpu
            foo: bar
          cpu:
            requires: [x, " ", null]
          weird: [a, b]
          fine:
            requires: [ok]
        """);

    assertThat(fields(e))
        .containsExactlyInAnyOrder(
            "extra",
            "topics.job.*",
            "topics.job.blank",
            "topics.job.number",
            "topics.job.emptylist",
            "topics.job.list[1]",
            "topics.job.list[2]",
            "pools.gpu.foo",
            "pools.gpu.requires",
            "pools.cpu.requires[1]",
            "pools.cpu.requires[2]",
            "pools.weird");
    assertThat(e.violations())
        .contains(
            new Violation("extra", "unknown key; only 'topics' and 'pools' are allowed"),
            new Violation("topics.job.*", "the topic must be a valid subject without wildcards"),
            new Violation(
                "topics.job.number", "must be a pool name or a non-empty list of pool names"),
            new Violation("topics.job.list[1]", "must be a non-empty pool name"),
            new Violation("pools.gpu.foo", "unknown key; only 'requires' is allowed"),
            new Violation("pools.gpu.requires", "must be a list of capabilities"),
            new Violation("pools.cpu.requires[1]", "must be a non-empty string"),
            new Violation("pools.weird", "must be a mapping with an optional 'requires' list"));
    assertThat(e.getMessage())
        .startsWith("invalid input: ")
        .contains("extra: unknown key")
        .contains("pools.weird: must be a mapping");
  }

  @ParameterizedTest
  @ValueSource(strings = {"job.>", "job..x", ".job", "job.", "job x"})
  void invalidTopicSubjectsAreRejected(String topic) {
    ValidationException e = invalid("topics: {\"" + topic + "\": default}");

    assertThat(e.violations())
        .containsExactly(
            new Violation(
                "topics." + topic, "the topic must be a valid subject without wildcards"));
  }

  @Test
  void emptyTopicKeyIsRejected() {
    ValidationException e = invalid("topics: {\"\": default}");

    assertThat(fields(e)).containsExactly("topics.");
  }

  @Test
  void emptyPoolNameIsRejected() {
    ValidationException e = invalid("topics: {job.a: a}\npools: {\"\": {requires: []}}");

    assertThat(e.violations())
        .containsExactly(new Violation("pools.", "the pool name must not be empty"));
  }

  @Test
  void poolsThatAreNotAMappingAreRejected() {
    ValidationException e = invalid("topics: {job.a: a}\npools: [a, b]");

    assertThat(e.violations())
        .containsExactly(new Violation("pools", "must map pool names to {requires: [...]}"));
  }

  // ---------------------------------------------------------------- builder and record

  @Test
  void defaultMapsJobDefaultToPoolDefault() {
    assertThat(PoolConfig.DEFAULT.topics())
        .containsExactly(Map.entry("job.default", List.of("default")));
    assertThat(PoolConfig.DEFAULT.pools()).containsExactly(Map.entry("default", List.of()));
  }

  @Test
  void builderKeepsOrderAndLastMappingWins() {
    PoolConfig cfg =
        PoolConfig.builder()
            .topic("job.b", "b")
            .topic("job.a", "a1", "a2")
            .topic("job.b", "b2")
            .pool("gpu", "gpu", "cuda")
            .build();

    assertThat(cfg.topics())
        .containsExactly(
            Map.entry("job.b", List.of("b2")), Map.entry("job.a", List.of("a1", "a2")));
    assertThat(cfg.pools()).containsExactly(Map.entry("gpu", List.of("gpu", "cuda")));
  }

  @Test
  void builderRejectsATopicWithoutPools() {
    assertThatThrownBy(() -> PoolConfig.builder().topic("job.a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job.a");
  }

  @Test
  void builderRejectsNoTopics() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class, () -> PoolConfig.builder().pool("default").build());

    assertThat(fields(e)).containsExactly("topics");
  }

  @Test
  void recordCopiesItsMapsAndIsUnmodifiable() {
    Map<String, List<String>> topics = new LinkedHashMap<>();
    List<String> pools = new ArrayList<>(List.of("a"));
    topics.put("job.a", pools);
    PoolConfig cfg = new PoolConfig(topics, new LinkedHashMap<>());

    topics.put("job.b", List.of("b"));
    pools.add("a2");

    assertThat(cfg.topics()).containsExactly(Map.entry("job.a", List.of("a")));
    assertThatThrownBy(() -> cfg.topics().put("x", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cfg.topics().get("job.a").add("y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cfg.pools().put("x", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  // ---------------------------------------------------------------- load

  @Test
  void loadsYamlFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pools.yaml");
    Files.writeString(
        file,
        """
        topics:
          job.default: default
          job.gpu: [gpu]
        pools:
          gpu: {requires: [gpu]}
        """,
        StandardCharsets.UTF_8);

    PoolConfig cfg = PoolConfig.load(file);

    assertThat(cfg.topics()).containsOnlyKeys("job.default", "job.gpu");
    assertThat(cfg.pools()).containsExactly(Map.entry("gpu", List.of("gpu")));
  }

  @Test
  void loadsJsonFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pools.json");
    Files.writeString(file, "{\"topics\": {\"job.default\": \"default\"}}");

    assertThat(PoolConfig.load(file).topics())
        .containsExactly(Map.entry("job.default", List.of("default")));
  }

  @Test
  void loadingAnEmptyFileIsAValidationError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pools.yaml");
    Files.writeString(file, "");

    assertThatThrownBy(() -> PoolConfig.load(file))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("the pool config is empty");
  }

  @Test
  void loadingAMissingFileFailsNamingThePath(@TempDir Path dir) {
    // TestLoadPoolConfigErrors: a missing file
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> PoolConfig.load(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot read pool config")
        .hasMessageContaining(missing.toString());
  }
}
