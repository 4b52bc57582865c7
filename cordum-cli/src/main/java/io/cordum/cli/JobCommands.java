package io.cordum.cli;

import io.cordum.client.model.CancelResult;
import io.cordum.client.model.JobDetail;
import io.cordum.client.model.JobQuery;
import io.cordum.client.model.JobState;
import io.cordum.client.model.JobSummary;
import io.cordum.client.model.SafetyDecision;
import io.cordum.client.model.SubmitJobRequest;
import io.cordum.client.model.SubmittedJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl job ...}. */
@Command(
    name = "job",
    aliases = "jobs",
    description = "Submit, follow, list and cancel jobs.",
    subcommands = {
      JobCommands.Submit.class,
      JobCommands.ListJobs.class,
      JobCommands.Get.class,
      JobCommands.Status.class,
      JobCommands.Logs.class,
      JobCommands.Wait.class,
      JobCommands.Cancel.class,
      JobCommands.Decisions.class,
      JobCommands.Remediate.class
    })
final class JobCommands extends Cmd.Group {

  /** Options shared by the commands that can follow a job to its end. */
  static final class WaitOptions {
    @Option(
        names = "--wait",
        description =
            "follow the job to its end; the exit code tells "
                + "how it ended (0 succeeded, 6 failed, 7 still running at --timeout)")
    boolean wait;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "10m",
        description = "how long --wait waits (default ${DEFAULT-VALUE})")
    String timeout;
  }

  /** Follows a job, prints it, and returns the exit code its end calls for. */
  static int follow(Cmd c, String jobId, String timeout) {
    Follow.Outcome<JobDetail> o =
        new Follow(c.client(), c.root().err, c.root().tty)
            .job(jobId, Inputs.duration("--timeout", timeout));
    printDetail(c.out(), o.value());
    if (o.timedOut()) {
      c.note("job " + jobId + " is still " + o.value().state() + " after " + timeout);
      return Exit.TIMEOUT;
    }
    return o.value().state() == JobState.SUCCEEDED ? Exit.OK : Exit.FAILED;
  }

  static void printDetail(Output out, JobDetail j) {
    out.emit(
        j,
        List.of(j.id()),
        p -> {
          Table.fields(
              p,
              "ID",
              j.id(),
              "State",
              j.state(),
              "Topic",
              j.topic(),
              "Trace",
              j.traceId(),
              "Tenant",
              j.tenant(),
              "Created",
              Table.time(j.createdAt()),
              "Updated",
              Table.time(j.updatedAt()),
              "Attempts",
              j.attempts(),
              "Reason",
              j.reasonCode().isEmpty() ? "" : j.reasonCode() + ": " + j.reason(),
              "Safety",
              j.safetyDecision().isEmpty()
                  ? ""
                  : j.safetyDecision()
                      + (j.safetyRuleId().isEmpty() ? "" : " (rule " + j.safetyRuleId() + ")"),
              "Approval",
              j.approvalBy().isEmpty()
                  ? ""
                  : (j.approvalGranted() ? "approved" : "rejected") + " by " + j.approvalBy(),
              "Run",
              j.runId().isEmpty() ? "" : j.runId() + " step " + j.stepId(),
              "Error",
              j.errorMessage(),
              "Labels",
              j.labels());
          if (j.result() != null) {
            p.println("Result:");
            Output.json(j.result()).lines().forEach(l -> p.println("  " + l));
          }
        });
  }

  @Command(name = "submit", description = "Submit a job.")
  static final class Submit extends Cmd {
    @Option(names = "--topic", required = true, description = "the topic (job.*)")
    String topic;

    @Option(names = "--prompt", description = "what the job is about")
    @Nullable String prompt;

    @Option(
        names = "--input",
        paramLabel = "JSON|FILE|-",
        description = "the job's input: inline JSON, a file, @file, or - for stdin")
    @Nullable String input;

    @Option(names = "--idempotency-key", paramLabel = "KEY")
    @Nullable String key;

    @Option(names = "--capability")
    @Nullable String capability;

    @Option(names = "--pack-id")
    @Nullable String packId;

    @Option(
        names = {"--labels", "--label"},
        paramLabel = "k=v|JSON",
        description = "labels: k=v (repeatable, comma-separated) or a JSON object")
    List<String> labels = new ArrayList<>();

    @Option(names = "--risk-tags", split = ",")
    List<String> riskTags = new ArrayList<>();

    @Option(names = "--requires", split = ",")
    List<String> requires = new ArrayList<>();

    @Option(names = "--org", description = "the tenant (default: the key's)")
    @Nullable String org;

    @Option(names = "--actor-id")
    @Nullable String actorId;

    @Option(names = "--actor-type", description = "human or service")
    @Nullable String actorType;

    @Option(names = "--priority", description = "interactive, batch or critical")
    @Nullable String priority;

    @Option(names = "--json", description = "print {job_id, trace_id} as JSON")
    boolean json;

    @picocli.CommandLine.Mixin WaitOptions w = new WaitOptions();

    @Override
    int run() {
      Object context = null;
      if (input != null) {
        String text = Inputs.text("--input", input, root().in);
        context = Inputs.json("--input", text);
      }
      String p = prompt;
      if (p == null || p.isBlank()) {
        if (input == null) {
          throw CliException.usage("prompt required (use --prompt or --input)");
        }
        p = "cordumctl job submit";
      }
      SubmitJobRequest.Builder b =
          SubmitJobRequest.builder(p)
              .topic(topic)
              .context(context)
              .labels(Inputs.labels("--labels", labels, root().in))
              .riskTags(riskTags)
              .requires(requires);
      if (key != null) {
        b.idempotencyKey(key);
      }
      if (capability != null) {
        b.capability(capability);
      }
      if (packId != null) {
        b.packId(packId);
      }
      if (org != null) {
        b.orgId(org);
      }
      if (actorId != null) {
        b.actorId(actorId);
      }
      if (actorType != null) {
        b.actorType(actorType);
      }
      if (priority != null) {
        b.priority(priority);
      }
      SubmittedJob s = client().jobs().submit(b.build());
      if (w.wait) {
        if (!out().structured()) {
          root().out.println(s.jobId());
        }
        return follow(this, s.jobId(), w.timeout);
      }
      if (json) {
        out().write(s);
      } else {
        out().emit(s, List.of(s.jobId()), o -> o.println(s.jobId()));
      }
      return Exit.OK;
    }
  }

  @Command(name = "list", aliases = "ls", description = "List jobs, newest first.")
  static final class ListJobs extends Cmd {
    @Option(names = "--state")
    @Nullable JobState state;

    @Option(names = "--topic")
    @Nullable String topic;

    @Option(names = "--trace", paramLabel = "TRACE_ID")
    @Nullable String trace;

    @Option(
        names = "--since",
        paramLabel = "DURATION",
        description = "only jobs changed within this time (such as 1h)")
    @Nullable String since;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "how many (default ${DEFAULT-VALUE}; 0 for all)")
    int limit;

    @Override
    int run() {
      JobQuery.Builder q =
          JobQuery.builder().limit(limit <= 0 ? 200 : Math.min(limit, 1000)).state(state);
      if (topic != null) {
        q.topic(topic);
      }
      if (trace != null) {
        q.traceId(trace);
      }
      if (since != null) {
        q.updatedAfter(Instant.now().minus(Inputs.duration("--since", since)));
      }
      Stream<JobSummary> s = client().jobs().stream(q.build());
      List<JobSummary> jobs = (limit <= 0 ? s : s.limit(limit)).toList();
      out()
          .emit(
              jobs,
              jobs.stream().map(JobSummary::id).toList(),
              p -> {
                Table t = new Table("ID", "STATE", "TOPIC", "ATTEMPTS", "UPDATED", "REASON");
                jobs.forEach(
                    j ->
                        t.row(
                            j.id(),
                            j.state(),
                            j.topic(),
                            j.attempts(),
                            j.updatedAt(),
                            j.reasonCode()));
                t.print(p);
              });
      return Exit.OK;
    }
  }

  @Command(name = "get", aliases = "describe", description = "Show a job.")
  static final class Get extends Cmd {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Override
    int run() {
      printDetail(out(), client().jobs().get(id));
      return Exit.OK;
    }
  }

  @Command(name = "status", description = "Print a job's state (--json: the whole job).")
  static final class Status extends Cmd {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Option(names = "--json")
    boolean json;

    @Override
    int run() {
      JobDetail j = client().jobs().get(id);
      if (json || out().structured()) {
        out().write(j);
      } else {
        root().out.println(j.state());
      }
      return Exit.OK;
    }
  }

  @Command(name = "logs", description = "Print a job's result, or its error on stderr.")
  static final class Logs extends Cmd {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Override
    int run() {
      JobDetail j = client().jobs().get(id);
      if (j.result() != null) {
        root().out.println(j.result() instanceof String s ? s : Output.json(j.result()));
      } else if (!j.errorMessage().isEmpty() || !j.reason().isEmpty()) {
        root().err.println(j.errorMessage().isEmpty() ? j.reason() : j.errorMessage());
      } else {
        out().write(j);
      }
      return Exit.OK;
    }
  }

  @Command(
      name = "wait",
      description = "Follow a job to its end (exit 0 succeeded, 6 failed, " + "7 timed out).")
  static final class Wait extends Cmd {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Option(names = "--timeout", defaultValue = "10m")
    String timeout;

    @Override
    int run() {
      return follow(this, id, timeout);
    }
  }

  @Command(name = "cancel", description = "Cancel jobs (a job that has ended is left as it is).")
  static final class Cancel extends Cmd {
    @Parameters(paramLabel = "JOB_ID", arity = "1..*")
    List<String> ids;

    @Override
    int run() {
      List<CancelResult> rs = ids.stream().map(i -> client().jobs().cancel(i)).toList();
      out()
          .emit(
              rs.size() == 1 ? rs.get(0) : rs,
              rs.stream().map(CancelResult::id).toList(),
              p ->
                  rs.forEach(
                      r ->
                          p.println(
                              r.id()
                                  + ": "
                                  + (r.cancelled()
                                      ? "cancelled"
                                      : r.state() + " (" + r.reason() + ")"))));
      return Exit.OK;
    }
  }

  @Command(name = "decisions", description = "A job's safety decisions, newest first.")
  static final class Decisions extends Cmd {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Override
    int run() {
      List<SafetyDecision> ds = client().jobs().decisions(id, 0);
      out()
          .emit(
              ds,
              List.of(id),
              p -> {
                Table t = new Table("CHECKED", "DECISION", "RULE", "REASON", "SNAPSHOT");
                ds.forEach(
                    d ->
                        t.row(
                            d.checkedAt(),
                            d.decision(),
                            d.ruleId(),
                            d.reason(),
                            d.policySnapshot()));
                t.print(p);
              });
      return Exit.OK;
    }
  }

  @Command(name = "remediate", description = "Submit a denied job's remediation.")
  static final class Remediate extends Cmd {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Option(
        names = "--remediation",
        paramLabel = "ID",
        description = "which one (needed when the job offers several)")
    @Nullable String rid;

    @picocli.CommandLine.Mixin WaitOptions w = new WaitOptions();

    @Override
    int run() {
      SubmittedJob s = client().jobs().remediate(id, rid);
      if (w.wait) {
        if (!out().structured()) {
          root().out.println(s.jobId());
        }
        return follow(this, s.jobId(), w.timeout);
      }
      out().emit(s, List.of(s.jobId()), p -> p.println(s.jobId()));
      return Exit.OK;
    }
  }
}
