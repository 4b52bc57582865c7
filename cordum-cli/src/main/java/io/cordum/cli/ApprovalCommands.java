package io.cordum.cli;

import io.cordum.client.model.ApprovalItem;
import io.cordum.client.model.SubmittedJob;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl approval ...}: jobs held by policy, and approval steps of runs. */
@Command(
    name = "approval",
    aliases = "approvals",
    description = "List, approve and reject what waits for a human.",
    subcommands = {
      ApprovalCommands.ListApprovals.class,
      ApprovalCommands.Job.class,
      ApprovalCommands.Step.class
    })
final class ApprovalCommands extends Cmd.Group {

  /** Exactly one of --approve / --reject. */
  static final class Decision {
    @Option(names = "--approve", required = true)
    boolean approve;

    @Option(names = "--reject", required = true)
    boolean reject;
  }

  @Command(name = "list", aliases = "ls", description = "Jobs waiting for approval, oldest first.")
  static final class ListApprovals extends Cmd {
    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Override
    int run() {
      List<ApprovalItem> items =
          client().approvals().stream(Math.min(Math.max(limit, 1), 1000))
              .limit(limit <= 0 ? Long.MAX_VALUE : limit)
              .toList();
      out()
          .emit(
              items,
              items.stream().map(ApprovalItem::jobId).toList(),
              p -> {
                Table t = new Table("JOB", "TOPIC", "RULE", "REASON", "WAITING SINCE");
                items.forEach(
                    i ->
                        t.row(
                            i.jobId(),
                            i.job().topic(),
                            i.policyRuleId(),
                            i.policyReason(),
                            i.job().updatedAt()));
                t.print(p);
              });
      return Exit.OK;
    }
  }

  @Command(name = "job", description = "Approve or reject a job held by policy.")
  static final class Job extends Cmd {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    @Option(names = "--reason")
    @Nullable String reason;

    @Option(names = "--note")
    @Nullable String note;

    @Override
    int run() {
      if (decision.approve) {
        SubmittedJob s = client().approvals().approve(id, reason, note);
        out().emit(s, List.of(s.jobId()), p -> p.println(s.jobId() + ": approved"));
      } else {
        client().approvals().reject(id, reason, note);
        out().emit(Map.of("job_id", id), List.of(id), p -> p.println(id + ": rejected"));
      }
      return Exit.OK;
    }
  }

  @Command(name = "step", description = "Approve or reject a waiting approval step of a run.")
  static final class Step extends Cmd {
    @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
    String workflow;

    @Parameters(index = "1", paramLabel = "RUN_ID")
    String run;

    @Parameters(index = "2", paramLabel = "STEP_ID")
    String step;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    @Option(names = "--reason")
    @Nullable String reason;

    @Override
    int run() {
      client().runs().approveStep(workflow, run, step, decision.approve, reason);
      String verb = decision.approve ? "approved" : "rejected";
      out()
          .emit(
              Map.of("run_id", run, "step_id", step, "approved", decision.approve),
              List.of(run),
              p -> p.println(run + " " + step + ": " + verb));
      return Exit.OK;
    }
  }
}
