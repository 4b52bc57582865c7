package io.cordum.core.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SubmitValidationCharsTest {
  private static final Pattern OLD = Pattern.compile(".*[\\s\\p{Cntrl}].*", Pattern.DOTALL);

  @Test
  void theCharacterLoopAgreesWithTheExpressionOnEveryChar() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      String s = "a" + c + "b";
      assertThat(SubmitValidation.hasBadChar(s))
          .as("U+%04X", (int) c)
          .isEqualTo(OLD.matcher(s).matches());
    }
    assertThat(SubmitValidation.hasBadChar("")).isFalse();
    assertThat(SubmitValidation.hasBadChar("run-1:step@1")).isFalse();
    assertThat(SubmitValidation.hasBadChar("tab\tinside")).isTrue();
  }

  @Test
  void theTenantLoopAgreesWithItsExpressionOnEveryCodePoint() {
    java.util.List<String> cases = new java.util.ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      String c = new String(Character.toChars(cp));
      cases.addAll(java.util.List.of(c, "a" + c, c + "b", "a" + c + "b"));
    }
    cases.addAll(java.util.List.of("", "a".repeat(128), "a".repeat(129), "1-._x", "-a", ".a"));
    java.util.List<String> disagreements = new java.util.ArrayList<>();
    for (String s : cases) {
      if (SubmitValidation.isTenant(s) != SubmitValidation.TENANT.matcher(s).matches()) {
        disagreements.add(s.codePoints().mapToObj(Integer::toHexString).toList().toString());
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(SubmitValidation.isTenant("acme.eu-1")).isTrue();
  }
}
