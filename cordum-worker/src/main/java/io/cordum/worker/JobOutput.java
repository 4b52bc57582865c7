package io.cordum.worker;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a job produced: bytes stored behind the result pointer {@code redis://res:<job_id>} (none
 * for an empty output), and pointers to artifacts it wrote elsewhere.
 */
public final class JobOutput {
  private static final JobOutput EMPTY = new JobOutput(false, new byte[0], List.of());

  private final boolean hasData;
  private final byte[] data;
  private final List<String> artifactPtrs;

  private JobOutput(boolean hasData, byte[] data, List<String> artifactPtrs) {
    this.hasData = hasData;
    this.data = data;
    this.artifactPtrs = List.copyOf(artifactPtrs);
  }

  /** No output. */
  public static JobOutput empty() {
    return EMPTY;
  }

  /** Output bytes. */
  public static JobOutput of(byte[] data) {
    return new JobOutput(true, data.clone(), List.of());
  }

  /** Output text (UTF-8), for example JSON. */
  public static JobOutput of(String text) {
    return new JobOutput(true, text.getBytes(StandardCharsets.UTF_8), List.of());
  }

  /** This output plus artifact pointers. */
  public JobOutput withArtifacts(String... pointers) {
    return new JobOutput(hasData, data, List.of(pointers));
  }

  /** Whether there are output bytes. */
  public boolean hasData() {
    return hasData;
  }

  /** A copy of the output bytes, or an empty array. */
  public byte[] data() {
    return data.clone();
  }

  /** The artifact pointers. */
  public List<String> artifactPtrs() {
    return artifactPtrs;
  }
}
