package io.cordum.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathSegmentsTest {
  @Test
  void everyIdIsOneEncodedSegment() {
    assertThat(PathSegments.of("/api/v1/artifacts", "redis://art:abc"))
        .isEqualTo("/api/v1/artifacts/redis%3A%2F%2Fart%3Aabc");
    assertThat(PathSegments.of("/api/v1/schemas", "a b/ü?#%"))
        .isEqualTo("/api/v1/schemas/a%20b%2F%C3%BC%3F%23%25");
    assertThat(PathSegments.of("/api/v1/jobs", "run-1:step@1", "/cancel"))
        .isEqualTo("/api/v1/jobs/run-1%3Astep%401/cancel");
    assertThat(PathSegments.encode("..")).isEqualTo("%2E%2E");
    assertThat(PathSegments.encode("a.b_c-d~e")).isEqualTo("a.b_c-d~e");
    assertThatThrownBy(() -> PathSegments.of("/api/v1/jobs", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
