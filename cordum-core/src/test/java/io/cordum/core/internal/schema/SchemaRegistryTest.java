package io.cordum.core.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.schema.SchemaValidationResult;
import io.cordum.api.schema.SchemaViolation;
import io.cordum.memory.InMemorySchemaStore;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The schema registry on the in-memory store (Go's core/infra/schema cases and more). */
class SchemaRegistryTest {
  private static final String PERSON =
      """
      {"type":"object","required":["name"],
       "properties":{"name":{"type":"string"},"count":{"type":"integer","minimum":0}}}""";

  private final ManualClock clock = new ManualClock();
  private final InMemorySchemaStore store = new InMemorySchemaStore(clock);
  private final DefaultSchemaRegistry registry = new DefaultSchemaRegistry(store);

  @Test
  void registeredSchemaValidates() { // TestRegistryValidate
    registry.register("person", PERSON);

    assertThat(registry.validate("person", "{\"name\":\"a\",\"count\":2}").valid()).isTrue();
    SchemaValidationResult bad = registry.validate("person", "{\"count\":2}");
    assertThat(bad.valid()).isFalse();
    assertThat(bad.violations())
        .containsExactly(
            new SchemaViolation("$.name", "required", "required property 'name' not found"));
  }

  @Test
  void everyViolationIsReportedWithItsPath() {
    registry.register("person", PERSON);

    SchemaValidationResult r = registry.validate("person", "{\"count\":-1,\"name\":5}");

    assertThat(r.violations())
        .extracting(SchemaViolation::path, SchemaViolation::keyword)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("$.name", "type"),
            org.assertj.core.groups.Tuple.tuple("$.count", "minimum"));
    assertThat(r.summary()).contains("(and 1 more)");
  }

  @Test
  void nestedAndArrayPathsAreJsonPaths() {
    registry.register(
        "list",
        """
        {"type":"object","properties":{"items":{"type":"array",
          "items":{"type":"object","required":["id"],
                   "properties":{"id":{"type":"string"}}}},
          "odd.key":{"type":"boolean"}}}""");

    SchemaValidationResult r =
        registry.validate("list", "{\"items\":[{\"id\":\"a\"},{\"id\":3},{}],\"odd.key\":\"x\"}");

    assertThat(r.violations())
        .extracting(SchemaViolation::path)
        .containsExactlyInAnyOrder("$.items[1].id", "$.items[2].id", "$['odd.key']");
  }

  @Test
  void inlineBooleanSchema() { // TestValidateMap
    CompiledSchema s = JsonSchemas.compile("{\"type\":\"boolean\"}");
    assertThat(s.validateValue(true).valid()).isTrue();
    assertThat(s.validateValue("nope").violations())
        .singleElement()
        .extracting(SchemaViolation::keyword)
        .isEqualTo("type");
  }

  @Test
  void inlineSchemaOverMapsAndBytes() { // TestValidateSchema, TestValidateMapInline
    CompiledSchema s = JsonSchemas.compile("{\"type\":\"object\",\"required\":[\"id\"]}");
    assertThat(s.validateValue(Map.of("id", "x")).valid()).isTrue();
    assertThat(s.validateValue(Map.of()).valid()).isFalse();
    assertThat(s.validateJson("{\"id\":1}").valid()).isTrue(); // TestNormalizeValue
    assertThat(s.validate(new JsonMapper().readTree("{}")).valid()).isFalse();
  }

  @Test
  void payloadThatIsNotJsonIsOneViolation() { // TestNormalizeValueInvalidJSON
    registry.register("person", PERSON);
    assertThat(registry.validate("person", "{").violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$");
              assertThat(v.keyword()).isEqualTo("json");
            });
  }

  @Test
  void anEmptySchemaIsRejected() { // TestValidateSchemaEmpty, TestValidateMapEmpty
    assertThatThrownBy(() -> JsonSchemas.compile(""))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("schema: is required");
    assertThatThrownBy(() -> registry.register("x", " ")).isInstanceOf(ValidationException.class);
    assertThat(store.list(10)).isEmpty();
  }

  @Test
  void anInvalidSchemaIsRejectedAtRegistrationWithEveryProblemAndNothingStored() {
    assertThatThrownBy(
            () ->
                registry.register(
                    "bad",
                    """
        {"type":"objekt","required":"name","properties":{"a":{"minimum":"x"}}}"""))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .contains("schema.type", "schema.required", "schema.properties.a.minimum"));
    assertThat(registry.find("bad")).isEmpty();
    assertThat(registry.list(0)).isEmpty();
  }

  @Test
  void schemasThatAreNotJsonOrNotObjectsAreRejected() {
    assertThatThrownBy(() -> registry.register("x", "{"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> registry.register("x", "[1]"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("object or a boolean");
    assertThatThrownBy(() -> registry.register("", PERSON))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("id: is required");
  }

  @Test
  void referencesOutsideTheSchemaAreRejectedAndInsideOnesWork() {
    for (String ref :
        List.of(
            "other",
            "file:///etc/passwd",
            "/etc/passwd",
            "https://example.com/s.json",
            "#/$defs/missing")) {
      assertThatThrownBy(() -> registry.register("r", "{\"$ref\":\"" + ref + "\"}"))
          .as(ref)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("does not compile");
    }
    registry.register("r", "{\"$ref\":\"#/$defs/s\",\"$defs\":{\"s\":{\"type\":\"string\"}}}");
    assertThat(registry.validate("r", "\"ok\"").valid()).isTrue();
    assertThat(registry.validate("r", "1").valid()).isFalse();
  }

  @Test
  void draft2020IsTheDefaultAndSchemaSelectsOthers() {
    // format is an annotation in 2020-12 and an assertion in draft-07.
    registry.register("mail20", "{\"type\":\"string\",\"format\":\"email\"}");
    registry.register(
        "mail07",
        "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
            + "\"type\":\"string\",\"format\":\"email\"}");

    assertThat(registry.validate("mail20", "\"nope\"").valid()).isTrue();
    assertThat(registry.validate("mail07", "\"nope\"").valid()).isFalse();
    assertThat(registry.compiled("mail07").dialect())
        .isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(registry.compiled("mail20").dialect()).isEqualTo(JsonSchemas.DEFAULT_DIALECT);
    // prefixItems exists only since 2020-12; draft 2019-09 ignores it.
    registry.register(
        "tuple19",
        "{\"$schema\":\"https://json-schema.org/draft/2019-09/schema\","
            + "\"prefixItems\":[{\"type\":\"string\"}]}");
    registry.register("tuple20", "{\"prefixItems\":[{\"type\":\"string\"}]}");
    assertThat(registry.validate("tuple19", "[1]").valid()).isTrue();
    assertThat(registry.validate("tuple20", "[1]").valid()).isFalse();
  }

  @Test
  void anUnknownDialectIsRejected() {
    assertThatThrownBy(
            () -> registry.register("x", "{\"$schema\":\"https://example.com/my-dialect\"}"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("schema.$schema"));
  }

  @Test
  void getListDelete() {
    registry.register(" pack/one ", PERSON);
    clock.advance(Duration.ofSeconds(1));
    registry.register("pack/two", "true");

    assertThat(registry.get("pack/one").body()).isEqualTo(PERSON.trim());
    assertThat(registry.list(0)).containsExactly("pack/two", "pack/one");
    assertThat(registry.list(1)).containsExactly("pack/two");
    assertThat(registry.delete("pack/one")).isTrue();
    assertThat(registry.delete("pack/one")).isFalse();
    assertThatThrownBy(() -> registry.get("pack/one"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("schema not found");
    assertThatThrownBy(() -> registry.validate("pack/one", "{}"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aSchemaReRegisteredElsewhereIsUsedOnItsNextValidation() {
    DefaultSchemaRegistry other = new DefaultSchemaRegistry(store); // another replica, same store
    registry.register("s", "{\"type\":\"string\"}");
    assertThat(registry.validate("s", "1").valid()).isFalse();

    other.register("s", "{\"type\":\"integer\"}");

    assertThat(registry.validate("s", "1").valid()).isTrue();
    assertThat(registry.get("s").revision()).isEqualTo(2);
  }

  @Test
  void compiledSchemasAreCachedByContent() {
    registry.register("s", PERSON);
    assertThat(registry.compiled("s")).isSameAs(registry.compiled("s"));
  }

  @Test
  void theResultThrowsAValidationExceptionNamingFieldsUnderARoot() {
    registry.register("person", PERSON);
    assertThatThrownBy(() -> registry.validate("person", "{\"name\":1}").orThrow("input"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new Violation("input.name", "type: integer found, string expected")));
  }
}
