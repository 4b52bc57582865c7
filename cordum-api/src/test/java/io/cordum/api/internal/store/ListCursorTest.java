package io.cordum.api.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one listing cursor format of every store: round trip, opacity, and refusal of the rest. */
class ListCursorTest {

  @Test
  void aCursorDecodesToWhatWasEncoded() {
    ListCursor c = new ListCursor(1_733_000_000_123_456L, "job-1");
    assertThat(ListCursor.decode(c.encode())).isEqualTo(c);
  }

  @Test
  void idsMayHoldColonsAndAnyTextAndTimesMayBeNegative() {
    for (ListCursor c :
        new ListCursor[] {
          new ListCursor(0, "wf:run:step[2]"),
          new ListCursor(-1, "ä/é ✓"),
          new ListCursor(Long.MAX_VALUE, "x"),
          new ListCursor(Long.MIN_VALUE, "y")
        }) {
      assertThat(ListCursor.decode(c.encode())).isEqualTo(c);
    }
  }

  @Test
  void theTextIsUrlSafeBase64WithoutPaddingOfAVersionedForm() {
    String text = new ListCursor(42, "a").encode();
    assertThat(text).matches("[A-Za-z0-9_-]+");
    assertThat(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8))
        .isEqualTo("v1:42:a");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not base64!",
        "djE6", // "v1:"
        "djE6NDI6", // "v1:42:" (no id)
        "djE6OjQy", // "v1::42" (no time)
        "djI6NDI6YQ", // "v2:42:a"
        "djE6eDph", // "v1:x:a"
        "NDI6YQ" // "42:a"
      })
  void anythingElseIsRefusedNamingTheField(String text) {
    assertThatThrownBy(() -> ListCursor.decode(text))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.field()).isEqualTo("cursor");
                          assertThat(v.rule())
                              .isEqualTo("must be the next_cursor of an earlier page");
                        }));
  }
}
