package io.cordum.api.policy;

import io.cordum.api.cap.JobRequest;
import java.util.List;

/**
 * The safety kernel: Cordum's policy decision point. It is a {@link SafetyGate} (the scheduler
 * calls {@link #check}) with the kernel's other operations on top. Every operation runs the same
 * evaluation against the live policy snapshot; {@link #simulate} adds a draft bundle to it.
 *
 * <p>Every decision (of {@link #check}, {@link #evaluate}, {@link #explain} and {@link #simulate})
 * produces one {@link PolicyAuditRecord}.
 */
public interface SafetyKernel extends SafetyGate {

  /** Like {@link #check}, for callers other than the scheduler (for example a policy API). */
  SafetyDecisionRecord evaluate(JobRequest request);

  /** The decision with the trace of every rule and guard considered, and why each matched. */
  PolicyExplanation explain(JobRequest request);

  /**
   * The decision the live policy would make if {@code draft} were one of its bundles (replacing the
   * live bundle of the same id, enabled or not). The draft is evaluated together with the base
   * policy and the other bundles, not instead of them. Nothing is cached or changed.
   *
   * @throws io.cordum.api.ValidationException if the draft is not a valid policy
   */
  PolicyExplanation simulate(JobRequest request, PolicyBundle draft);

  /** The snapshot ids the kernel has loaded, newest first (bounded). */
  List<String> snapshots();

  /**
   * Loads the policy sources again now. On failure the current policy stays in force (last known
   * good) and the error is returned in the status.
   */
  ReloadStatus reload();

  /** The newest audit records, newest first, at most {@code limit}. */
  List<PolicyAuditRecord> recentDecisions(int limit);

  /**
   * The outcome of a reload.
   *
   * @param snapshot the snapshot in force after the reload
   * @param changed whether the reload swapped in a new snapshot
   * @param error why the load failed ({@code ""} when it worked)
   * @param warnings problems that did not stop the load, such as an invalid bundle for which its
   *     last good version was kept
   */
  record ReloadStatus(String snapshot, boolean changed, String error, List<String> warnings) {
    /** Copies the warnings. */
    public ReloadStatus {
      warnings = List.copyOf(warnings);
    }

    /** Whether the load worked. */
    public boolean ok() {
      return error.isEmpty();
    }
  }
}
