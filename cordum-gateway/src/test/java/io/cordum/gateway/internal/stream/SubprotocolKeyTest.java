package io.cordum.gateway.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The key carried in Sec-WebSocket-Protocol (Go TestApiKeyFromWebSocketProtocols). */
class SubprotocolKeyTest {
  static String b64url(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void twoTokenAndDottedForms() {
    assertThat(StreamHub.keyFromProtocols("cordum-api-key, " + b64url("super-secret-key")))
        .isEqualTo("super-secret-key");
    assertThat(StreamHub.keyFromProtocols("Cordum-API-Key," + b64url("k?>"))).isEqualTo("k?>");
    assertThat(StreamHub.keyFromProtocols("cordum-api-key." + b64url("dotted")))
        .isEqualTo("dotted");
    assertThat(
            StreamHub.keyFromProtocols(
                "chat, cordum-api-key, "
                    + Base64.getEncoder().encodeToString("std+/".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("std+/");
    assertThat(StreamHub.keyFromProtocols("cordum-api-key, not*base64")).isEqualTo("not*base64");
    assertThat(StreamHub.keyFromProtocols("cordum-api-key")).isNull();
    assertThat(StreamHub.keyFromProtocols("chat")).isNull();
    assertThat(StreamHub.keyFromProtocols(null)).isNull();
  }
}
