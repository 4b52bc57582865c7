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
}
