package io.cordum.core.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.workflow.JsonTrees;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token-by-token writer of job inputs gives the mapper's bytes. */
class SubmissionsJsonTest {

  @Test
  void writesTheSameBytesAsTheMapper() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("quote \" and \\ backslash", "tab\tnew\nline \u0001 ctl é 漢 \uD83D\uDE00");
    nested.put("more", "\b\f\r \u001f \u007f \u2028 / <tag>");
    nested.put("null", null);
    nested.put("empty map", Map.of());
    nested.put("empty list", List.of());
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("s", "plain");
    tree.put("i", 7);
    tree.put("l", Long.MIN_VALUE);
    tree.put("d", 2.5);
    tree.put("whole double", 2.0);
    tree.put("tiny", 1e-300);
    tree.put("nan", Double.NaN);
    tree.put("inf", Double.NEGATIVE_INFINITY);
    tree.put("float", 1.25f);
    tree.put("large", 1.0e21);
    tree.put("big int", new BigInteger("123456789012345678901234567890"));
    tree.put("big dec", new BigDecimal("1.50"));
    tree.put("t", true);
    tree.put("f", false);
    tree.put("nested", nested);
    tree.put(
        "list", new ArrayList<>(Arrays.asList(1, "two", null, List.of(3.5), Map.of("k", "v"))));
    for (Object v : List.of(tree, JsonTrees.freezeMap(tree), "just a string", 42L, List.of())) {
      assertThat(new String(Submissions.json(v), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(Submissions.JSON.writeValueAsString(v));
    }
    assertThat(Submissions.json(null))
        .isEqualTo("null".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
