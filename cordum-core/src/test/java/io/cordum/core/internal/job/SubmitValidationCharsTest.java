package io.cordum.core.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written checks of {@link SubmitValidation} agree with the patterns they stand for. */
class SubmitValidationCharsTest {
  @Test
  void badCharAndTenantChecksAgreeWithTheirPatternsOnEveryCodePoint() {
    List<String> cases = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      String c = new String(Character.toChars(cp));
      cases.addAll(List.of(c, "a" + c, c + "b", "a" + c + "b", c + c));
    }
    cases.addAll(List.of("", "a", "a".repeat(128), "a".repeat(129), "1-._x", "-a", ".a", "\ud800"));
    List<String> disagreements = new ArrayList<>();
    for (String s : cases) {
      boolean bad = SubmitValidation.BAD_CHARS.matcher(s).matches();
      boolean tenant = SubmitValidation.TENANT.matcher(s).matches();
      if (SubmitValidation.hasBadChar(s) != bad || SubmitValidation.isTenant(s) != tenant) {
        disagreements.add(s.codePoints().mapToObj(Integer::toHexString).toList().toString());
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(SubmitValidation.hasBadChar("a b")).isTrue();
    assertThat(SubmitValidation.isTenant("acme.eu-1")).isTrue();
  }
}
