package io.cordum.api.policy;

import org.jspecify.annotations.Nullable;

/**
 * The constraints of an ALLOW_WITH_CONSTRAINTS (or ALLOW) decision. The scheduler writes them into
 * the dispatched job's env as {@code CORDUM_POLICY_CONSTRAINTS} and applies the budget.
 *
 * @param budgets budget limits
 * @param sandbox sandbox settings
 * @param toolchain allowed tools
 * @param diff change limits
 * @param redactionLevel how much to redact, such as {@code strict}; empty for none
 */
public record PolicyConstraints(
    @Nullable BudgetConstraints budgets,
    @Nullable SandboxProfile sandbox,
    @Nullable ToolchainConstraints toolchain,
    @Nullable DiffConstraints diff,
    String redactionLevel) {

  /** Copies maps and lists and turns nulls into empty values. */
  public PolicyConstraints {
    redactionLevel = redactionLevel == null ? "" : redactionLevel;
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.budgets = budgets;
    b.sandbox = sandbox;
    b.toolchain = toolchain;
    b.diff = diff;
    b.redactionLevel = redactionLevel;
    return b;
  }

  /** Builds {@link PolicyConstraints} values. */
  public static final class Builder {
    private @Nullable BudgetConstraints budgets = null;
    private @Nullable SandboxProfile sandbox = null;
    private @Nullable ToolchainConstraints toolchain = null;
    private @Nullable DiffConstraints diff = null;
    private String redactionLevel = "";

    private Builder() {}

    /** Sets budgets: budget limits. */
    public Builder budgets(@Nullable BudgetConstraints v) {
      this.budgets = v;
      return this;
    }

    /** Sets sandbox: sandbox settings. */
    public Builder sandbox(@Nullable SandboxProfile v) {
      this.sandbox = v;
      return this;
    }

    /** Sets toolchain: allowed tools. */
    public Builder toolchain(@Nullable ToolchainConstraints v) {
      this.toolchain = v;
      return this;
    }

    /** Sets diff: change limits. */
    public Builder diff(@Nullable DiffConstraints v) {
      this.diff = v;
      return this;
    }

    /** Sets redactionLevel: how much to redact, such as {@code strict}; empty for none. */
    public Builder redactionLevel(String v) {
      this.redactionLevel = v;
      return this;
    }

    /** Builds the record. */
    public PolicyConstraints build() {
      return new PolicyConstraints(budgets, sandbox, toolchain, diff, redactionLevel);
    }
  }
}
