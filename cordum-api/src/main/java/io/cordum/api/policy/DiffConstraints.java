package io.cordum.api.policy;

import java.util.List;

/**
 * Limits on the changes a job may make.
 *
 * @param maxFiles most files changed; 0 means no limit
 * @param maxLines most lines changed; 0 means no limit
 * @param denyPathGlobs paths that must not change
 */
public record DiffConstraints(int maxFiles, int maxLines, List<String> denyPathGlobs) {

  /** Copies maps and lists and turns nulls into empty values. */
  public DiffConstraints {
    denyPathGlobs = denyPathGlobs == null ? List.of() : List.copyOf(denyPathGlobs);
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxFiles = maxFiles;
    b.maxLines = maxLines;
    b.denyPathGlobs = denyPathGlobs;
    return b;
  }

  /** Builds {@link DiffConstraints} values. */
  public static final class Builder {
    private int maxFiles;
    private int maxLines;
    private List<String> denyPathGlobs = List.of();

    private Builder() {}

    /** Sets maxFiles: most files changed; 0 means no limit. */
    public Builder maxFiles(int v) {
      this.maxFiles = v;
      return this;
    }

    /** Sets maxLines: most lines changed; 0 means no limit. */
    public Builder maxLines(int v) {
      this.maxLines = v;
      return this;
    }

    /** Sets denyPathGlobs: paths that must not change. */
    public Builder denyPathGlobs(List<String> v) {
      this.denyPathGlobs = v;
      return this;
    }

    /** Sets denyPathGlobs from values. */
    public Builder denyPathGlobs(String... v) {
      this.denyPathGlobs = List.of(v);
      return this;
    }

    /** Builds the record. */
    public DiffConstraints build() {
      return new DiffConstraints(maxFiles, maxLines, denyPathGlobs);
    }
  }
}
