package io.cordum.cli;

import io.cordum.client.model.RunQuery;
import io.cordum.client.model.RunStatus;
import io.cordum.client.model.StartRunOptions;
import io.cordum.client.model.TimelineEvent;
import io.cordum.client.model.WorkflowRun;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl run ...}. */
@Command(
    name = "run",
    aliases = "runs",
    description = "Start, follow and control workflow runs.",
    subcommands = {
      RunCommands.Start.class,
      RunCommands.ListRuns.class,
      RunCommands.Get.class,
      RunCommands.Timeline.class,
      RunCommands.Wait.class,
      RunCommands.Cancel.class,
      RunCommands.Rerun.class,
      RunCommands.Delete.class
    })
final class RunCommands extends Cmd.Group {

  static int follow(Cmd c, String runId, String timeout) {
    Follow.Outcome<WorkflowRun> o =
        new Follow(c.client(), c.root().err, c.root().tty)
            .run(runId, Inputs.duration("--timeout", timeout));
    print(c.out(), o.value());
    if (o.timedOut()) {
      c.note("run " + runId + " is still " + o.value().status().wireName() + " after " + timeout);
      return Exit.TIMEOUT;
    }
    return o.value().status() == RunStatus.SUCCEEDED ? Exit.OK : Exit.FAILED;
  }

  static void print(Output out, WorkflowRun r) {
    out.emit(
        r,
        List.of(r.id()),
        p -> {
          Table.fields(
              p,
              "ID",
              r.id(),
              "Workflow",
              r.workflowId(),
              "Status",
              r.status().wireName(),
              "Started",
              Table.time(r.startedAt()),
              "Completed",
              Table.time(r.completedAt()),
              "Triggered by",
              r.triggeredBy(),
              "Rerun of",
              r.rerunOf(),
              "Dry run",
              r.dryRun() ? "yes" : "",
              "Error",
              r.error() == null ? "" : r.error().message());
          Table t = new Table("STEP", "STATUS", "ATTEMPTS", "JOB", "ERROR");
          r.steps()
              .forEach(
                  (id, s) ->
                      t.row(
                          id,
                          s.status(),
                          s.attempts(),
                          s.jobId(),
                          s.error() == null ? "" : s.error().message()));
          p.println();
          t.print(p);
          if (r.output() != null && !(r.output() instanceof Map<?, ?> m && m.isEmpty())) {
            p.println("Output:");
            Output.json(r.output()).lines().forEach(l -> p.println("  " + l));
          }
        });
  }

  @Command(name = "start", description = "Start a run; prints its id.")
  static final class Start extends Cmd {
    @Parameters(paramLabel = "WORKFLOW_ID")
    String workflow;

    @Option(
        names = "--input",
        paramLabel = "JSON|FILE|-",
        description = "the run's input: a JSON object inline, a file, @file or -")
    @Nullable String input;

    @Option(names = "--dry-run")
    boolean dryRun;

    @Option(names = "--idempotency-key", paramLabel = "KEY")
    @Nullable String key;

    @Mixin JobCommands.WaitOptions w = new JobCommands.WaitOptions();

    @Override
    int run() {
      StartRunOptions.Builder b = StartRunOptions.builder().dryRun(dryRun);
      if (input != null) {
        b.input(Inputs.object("--input", Inputs.text("--input", input, root().in)));
      }
      if (key != null) {
        b.idempotencyKey(key);
      }
      String id = client().runs().start(workflow, b.build());
      if (w.wait) {
        if (!out().structured()) {
          root().out.println(id);
        }
        return follow(this, id, w.timeout);
      }
      out().emit(Map.of("run_id", id), List.of(id), p -> p.println(id));
      return Exit.OK;
    }
  }

  @Command(name = "list", aliases = "ls", description = "List runs, newest first.")
  static final class ListRuns extends Cmd {
    @Option(names = "--workflow", paramLabel = "WORKFLOW_ID")
    @Nullable String workflow;

    @Option(
        names = "--status",
        description = "pending, running, waiting, succeeded, failed, cancelled, timed_out")
    @Nullable String status;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "how many (default ${DEFAULT-VALUE}; 0 for all)")
    int limit;

    @Override
    int run() {
      RunQuery.Builder q = RunQuery.builder().limit(limit <= 0 ? 200 : Math.min(limit, 1000));
      if (workflow != null) {
        q.workflowId(workflow);
      }
      if (status != null) {
        q.status(parseStatus(status));
      }
      Stream<WorkflowRun> s = client().runs().stream(q.build());
      List<WorkflowRun> runs = (limit <= 0 ? s : s.limit(limit)).toList();
      out()
          .emit(
              runs,
              runs.stream().map(WorkflowRun::id).toList(),
              p -> {
                Table t = new Table("ID", "WORKFLOW", "STATUS", "STEPS", "UPDATED");
                runs.forEach(
                    r ->
                        t.row(
                            r.id(),
                            r.workflowId(),
                            r.status().wireName(),
                            r.steps().size(),
                            r.updatedAt()));
                t.print(p);
              });
      return Exit.OK;
    }

    static RunStatus parseStatus(String s) {
      for (RunStatus r : RunStatus.values()) {
        if (r != RunStatus.UNKNOWN && r.wireName().equalsIgnoreCase(s.trim())) {
          return r;
        }
      }
      throw CliException.usage(
          "--status must be pending, running, waiting, succeeded, failed, "
              + "cancelled or timed_out, was "
              + s);
    }
  }

  @Command(
      name = "get",
      aliases = {"describe", "status"},
      description = "Show a run.")
  static final class Get extends Cmd {
    @Parameters(paramLabel = "RUN_ID")
    String id;

    @Override
    int run() {
      print(out(), client().runs().get(id));
      return Exit.OK;
    }
  }

  @Command(name = "timeline", description = "A run's timeline, oldest first.")
  static final class Timeline extends Cmd {
    @Parameters(paramLabel = "RUN_ID")
    String id;

    @Option(names = "--limit", defaultValue = "200")
    int limit;

    @Override
    int run() {
      List<TimelineEvent> tl = client().runs().timeline(id, limit);
      if (!out().structured() && !out().quiet) {
        Table t = new Table("TIME", "TYPE", "STEP", "STATUS", "MESSAGE");
        tl.forEach(e -> t.row(e.time(), e.type(), e.stepId(), e.status(), e.message()));
        t.print(root().out);
      } else {
        out().emit(tl, tl.stream().map(e -> Long.toString(e.seq())).toList(), p -> {});
      }
      return Exit.OK;
    }
  }

  @Command(
      name = "wait",
      description = "Follow a run to its end (exit 0 succeeded, 6 failed, " + "7 timed out).")
  static final class Wait extends Cmd {
    @Parameters(paramLabel = "RUN_ID")
    String id;

    @Option(names = "--timeout", defaultValue = "10m")
    String timeout;

    @Override
    int run() {
      return follow(this, id, timeout);
    }
  }

  @Command(name = "cancel", description = "Cancel a run.")
  static final class Cancel extends Cmd {
    @Parameters(paramLabel = "RUN_ID")
    String id;

    @Override
    int run() {
      client().runs().cancel(id);
      return Exit.OK;
    }
  }

  @Command(name = "rerun", description = "Rerun a run from a step (or the start) as a new run.")
  static final class Rerun extends Cmd {
    @Parameters(paramLabel = "RUN_ID")
    String id;

    @Option(names = "--from-step", paramLabel = "STEP")
    @Nullable String fromStep;

    @Option(names = "--dry-run")
    boolean dryRun;

    @Mixin JobCommands.WaitOptions w = new JobCommands.WaitOptions();

    @Override
    int run() {
      String next = client().runs().rerun(id, fromStep, dryRun);
      if (w.wait) {
        if (!out().structured()) {
          root().out.println(next);
        }
        return follow(this, next, w.timeout);
      }
      out().emit(Map.of("run_id", next), List.of(next), p -> p.println(next));
      return Exit.OK;
    }
  }

  @Command(name = "delete", aliases = "rm", description = "Delete a run.")
  static final class Delete extends Cmd {
    @Parameters(paramLabel = "RUN_ID")
    String id;

    @Override
    int run() {
      client().runs().delete(id);
      return Exit.OK;
    }
  }
}
