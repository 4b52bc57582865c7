package io.cordum.api.policy;

import java.util.List;

/**
 * Sandbox settings a policy requires for a job.
 *
 * @param isolated whether the job must run isolated
 * @param networkAllowlist hosts the job may reach
 * @param fsReadOnly paths the job may read
 * @param fsReadWrite paths the job may write
 */
public record SandboxProfile(
    boolean isolated,
    List<String> networkAllowlist,
    List<String> fsReadOnly,
    List<String> fsReadWrite) {

  /** Copies maps and lists and turns nulls into empty values. */
  public SandboxProfile {
    networkAllowlist = networkAllowlist == null ? List.of() : List.copyOf(networkAllowlist);
    fsReadOnly = fsReadOnly == null ? List.of() : List.copyOf(fsReadOnly);
    fsReadWrite = fsReadWrite == null ? List.of() : List.copyOf(fsReadWrite);
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.isolated = isolated;
    b.networkAllowlist = networkAllowlist;
    b.fsReadOnly = fsReadOnly;
    b.fsReadWrite = fsReadWrite;
    return b;
  }

  /** Builds {@link SandboxProfile} values. */
  public static final class Builder {
    private boolean isolated;
    private List<String> networkAllowlist = List.of();
    private List<String> fsReadOnly = List.of();
    private List<String> fsReadWrite = List.of();

    private Builder() {}

    /** Sets isolated: whether the job must run isolated. */
    public Builder isolated(boolean v) {
      this.isolated = v;
      return this;
    }

    /** Sets networkAllowlist: hosts the job may reach. */
    public Builder networkAllowlist(List<String> v) {
      this.networkAllowlist = v;
      return this;
    }

    /** Sets networkAllowlist from values. */
    public Builder networkAllowlist(String... v) {
      this.networkAllowlist = List.of(v);
      return this;
    }

    /** Sets fsReadOnly: paths the job may read. */
    public Builder fsReadOnly(List<String> v) {
      this.fsReadOnly = v;
      return this;
    }

    /** Sets fsReadOnly from values. */
    public Builder fsReadOnly(String... v) {
      this.fsReadOnly = List.of(v);
      return this;
    }

    /** Sets fsReadWrite: paths the job may write. */
    public Builder fsReadWrite(List<String> v) {
      this.fsReadWrite = v;
      return this;
    }

    /** Sets fsReadWrite from values. */
    public Builder fsReadWrite(String... v) {
      this.fsReadWrite = List.of(v);
      return this;
    }

    /** Builds the record. */
    public SandboxProfile build() {
      return new SandboxProfile(isolated, networkAllowlist, fsReadOnly, fsReadWrite);
    }
  }
}
