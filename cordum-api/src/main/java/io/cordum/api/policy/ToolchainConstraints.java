package io.cordum.api.policy;

import java.util.List;

/**
 * Tools and commands a policy allows a job to use.
 *
 * @param allowedTools tool names
 * @param allowedCommands command names
 */
public record ToolchainConstraints(List<String> allowedTools, List<String> allowedCommands) {

  /** Copies maps and lists and turns nulls into empty values. */
  public ToolchainConstraints {
    allowedTools = allowedTools == null ? List.of() : List.copyOf(allowedTools);
    allowedCommands = allowedCommands == null ? List.of() : List.copyOf(allowedCommands);
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.allowedTools = allowedTools;
    b.allowedCommands = allowedCommands;
    return b;
  }

  /** Builds {@link ToolchainConstraints} values. */
  public static final class Builder {
    private List<String> allowedTools = List.of();
    private List<String> allowedCommands = List.of();

    private Builder() {}

    /** Sets allowedTools: tool names. */
    public Builder allowedTools(List<String> v) {
      this.allowedTools = v;
      return this;
    }

    /** Sets allowedTools from values. */
    public Builder allowedTools(String... v) {
      this.allowedTools = List.of(v);
      return this;
    }

    /** Sets allowedCommands: command names. */
    public Builder allowedCommands(List<String> v) {
      this.allowedCommands = v;
      return this;
    }

    /** Sets allowedCommands from values. */
    public Builder allowedCommands(String... v) {
      this.allowedCommands = List.of(v);
      return this;
    }

    /** Builds the record. */
    public ToolchainConstraints build() {
      return new ToolchainConstraints(allowedTools, allowedCommands);
    }
  }
}
