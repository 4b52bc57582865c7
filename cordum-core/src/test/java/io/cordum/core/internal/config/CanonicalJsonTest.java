package io.cordum.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Canonical JSON and its hash (Go's configsvc canonical JSON cases). */
class CanonicalJsonTest {

  @Test
  void insertionOrderDoesNotMatter() { // TestCanonicalJSONOrdering
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("b", 1);
    a.put("a", Map.of("z", 1, "y", 2));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("a", Map.of("y", 2, "z", 1));
    b.put("b", 1);

    assertThat(CanonicalJson.write(a))
        .isEqualTo(CanonicalJson.write(b))
        .isEqualTo("{\"a\":{\"y\":2,\"z\":1},\"b\":1}");
    assertThat(CanonicalJson.sha256(a)).isEqualTo(CanonicalJson.sha256(b)).hasSize(64);
  }

  @Test
  void typedListsEncode() { // TestCanonicalJSONSliceTypes
    Map<String, Object> m =
        Map.of(
            "ints",
            List.of(1, 2),
            "floats",
            List.of(1.5, 2.25),
            "bools",
            List.of(true, false),
            "strings",
            List.of("a", "b"));
    assertThat(CanonicalJson.write(m))
        .isEqualTo(
            "{\"bools\":[true,false],\"floats\":[1.5,2.25],\"ints\":[1,2],\"strings\":[\"a\",\"b\"]}");
  }

  @Test
  void unsupportedValuesAreRejectedWithTheirPath() { // TestCanonicalJSONUnsupportedType
    Supplier<String> fn = () -> "x";
    assertThatThrownBy(() -> CanonicalJson.write(Map.of("a", Map.of("fn", fn))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("$.a.fn"));
    assertThatThrownBy(() -> CanonicalJson.write(Map.of("n", Double.NaN)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("finite");
  }

  @Test
  void integralNumbersAreWrittenAsIntegers() {
    assertThat(
            CanonicalJson.write(Arrays.asList(60.0, 60, 60L, new BigDecimal("60.000"), 1.5, null)))
        .isEqualTo("[60,60,60,60,1.5,null]");
  }

  @Test
  void theEmptyObjectHasGosHash() {
    assertThat(CanonicalJson.sha256(Map.of()))
        .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }

  @Test
  void keysSortByCodePoint() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("\uFF21", 1); // U+FF21 sorts after U+1F600 in UTF-16 but before it by code point
    m.put("\uD83D\uDE00", 2);
    m.put("B", 3);
    m.put("a", 4);
    assertThat(CanonicalJson.write(m))
        .isEqualTo("{\"B\":3,\"a\":4,\"\uFF21\":1,\"\uD83D\uDE00\":2}");
  }
}
