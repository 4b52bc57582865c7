package io.cordum.core.internal.policy.engine;

import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.DiffConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.SandboxProfile;
import io.cordum.api.policy.ToolchainConstraints;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Helpers for {@link PolicyConstraints}: emptiness as Cordum defines it. */
public final class Constraints {
  private Constraints() {}

  /**
   * Whether constraints are empty: every number 0, not isolated, every list empty and no redaction
   * level. Empty constraints are returned as {@code null}.
   */
  public static boolean isEmpty(@Nullable PolicyConstraints c) {
    if (c == null) {
      return true;
    }
    BudgetConstraints b = c.budgets();
    SandboxProfile s = c.sandbox();
    ToolchainConstraints t = c.toolchain();
    DiffConstraints d = c.diff();
    return (b == null
            || (b.maxRuntimeMs() == 0
                && b.maxRetries() == 0
                && b.maxArtifactBytes() == 0
                && b.maxConcurrentJobs() == 0))
        && (s == null
            || (!s.isolated()
                && s.networkAllowlist().isEmpty()
                && s.fsReadOnly().isEmpty()
                && s.fsReadWrite().isEmpty()))
        && (t == null || (t.allowedTools().isEmpty() && t.allowedCommands().isEmpty()))
        && (d == null || (d.maxFiles() == 0 && d.maxLines() == 0 && d.denyPathGlobs().isEmpty()))
        && c.redactionLevel().isBlank();
  }

  /**
   * {@code null} for empty constraints; otherwise the constraints with every part present (missing
   * parts become empty ones), as Cordum emits them.
   */
  public static @Nullable PolicyConstraints normalize(@Nullable PolicyConstraints c) {
    if (c == null || isEmpty(c)) {
      return null;
    }
    return new PolicyConstraints(
        c.budgets() == null ? new BudgetConstraints(0, 0, 0, 0) : c.budgets(),
        c.sandbox() == null
            ? new SandboxProfile(false, List.of(), List.of(), List.of())
            : c.sandbox(),
        c.toolchain() == null ? new ToolchainConstraints(List.of(), List.of()) : c.toolchain(),
        c.diff() == null ? new DiffConstraints(0, 0, List.of()) : c.diff(),
        c.redactionLevel());
  }
}
