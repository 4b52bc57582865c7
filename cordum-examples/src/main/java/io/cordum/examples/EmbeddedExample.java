package io.cordum.examples;

import com.google.inject.Module;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.Subjects;
import io.cordum.api.config.ConfigScope;
import io.cordum.api.config.ConfigTarget;
import io.cordum.api.config.EffectiveConfig;
import io.cordum.api.dlq.RetryOptions;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.core.Cordum;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.RetryPolicy;
import io.cordum.nats.NatsBusModule;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisStoresModule;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobFailedException;
import io.cordum.worker.JobOutput;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embeds Cordum on the in-memory backends, starts two Java workers in pool {@code default} and one
 * in pool {@code batch}, submits a batch of jobs and prints how each one ended and what went to the
 * dead-letter queue.
 *
 * <p>The batch shows: plain jobs routed to the least-loaded worker, a job that needs a capability
 * no pool offers ({@code no_pool_mapping}), a job that fails once and succeeds on its retry, a job
 * that keeps failing until its retries run out, a long job cancelled while it runs, and the safety
 * kernel's decisions ({@link #POLICY}): a job it denies, a job it holds until a human approves it,
 * and a batch job it allows under constraints. Before that it sets a system-wide and an org config:
 * the batch job reports the merged (effective) config the scheduler put in its env. Then it retries
 * the failing job from the dead-letter queue with a corrected input, and finally runs a small
 * workflow (a worker step, a condition, a notification).
 */
public final class EmbeddedExample {
  /**
   * The safety kernel's policy: checked before anything runs. The first matching rule decides; no
   * match allows.
   */
  static final String POLICY =
      """
      version: example-1
      rules:
        - id: no-destructive
          match: { risk_tags: [destructive] }
          decision: deny
          reason: destructive jobs are not allowed
        - id: prod-needs-approval
          match: { risk_tags: [prod] }
          decision: require_approval
          reason: production changes need a sign-off
        - id: batch-sandbox
          match: { topics: ["job.batch"] }
          decision: allow_with_constraints
          reason: batch jobs run sandboxed
          constraints:
            budgets: { max_runtime_ms: 60000 }
            sandbox: { isolated: true }
            redaction_level: high
      """;

  private EmbeddedExample() {}

  /**
   * Runs the example on the in-memory backends, or with {@code --nats-redis} on NATS (JetStream)
   * and Redis at {@code NATS_URL} / {@code REDIS_URL} (default: localhost), and exits.
   */
  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--nats-redis")) {
      String nats = System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222");
      String redis = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
      System.out.println("Backends: NATS JetStream at " + nats + ", Redis at " + redis);
      run(System.out, natsAndRedis(nats, redis));
    } else {
      System.out.println("Backends: in-memory (pass --nats-redis for NATS and Redis)");
      run(System.out);
    }
  }

  /** The two lines that move the control plane onto NATS and Redis. */
  static Module[] natsAndRedis(String natsUrl, String redisUrl) {
    return new Module[] {
      new NatsBusModule(NatsConfig.builder().url(natsUrl).jetStream(true).build()),
      new RedisStoresModule(RedisConfig.builder().url(redisUrl).build())
    };
  }

  /**
   * Runs the example, printing to {@code out}; returns the final records by label.
   *
   * @param backends Guice modules that replace the in-memory backends (none: in-memory)
   */
  public static Map<String, JobRecord> run(PrintStream out, Module... backends) throws Exception {
    try (Cordum cordum =
        Cordum.builder()
            .pools(
                PoolConfig.builder()
                    .topic("job.default", "default")
                    .topic("job.batch", "batch")
                    .pool("default", "python", "http")
                    .pool("batch")
                    .build())
            .retryPolicy(
                RetryPolicy.builder().maxRetries(2).initialBackoff(Duration.ofMillis(200)).build())
            .safetyKernel(SafetyKernelConfig.builder().policy(POLICY).build())
            .scheduler(s -> s.tickInterval(Duration.ofMillis(50)))
            .modules(backends)
            .build()
            .start()) {

      // Hierarchical config: system defaults, overridden per org; jobs get the merge in their env.
      cordum.config().set(ConfigScope.SYSTEM, "", Map.of("model", "gpt-4", "max_tokens", 2000));
      cordum.config().set(ConfigScope.ORG, "default", Map.of("max_tokens", 500));
      EffectiveConfig effective = cordum.config().resolve(ConfigTarget.org("default"));
      out.println(
          "Effective config for org default: "
              + effective.data()
              + " (version "
              + effective.version()
              + ")");

      List<JobResult> deadLetters = new CopyOnWriteArrayList<>();
      Subscription dlqTap =
          cordum.bus().subscribe(Subjects.DLQ, null, m -> deadLetters.add(m.packet().jobResult()));

      Map<String, AtomicInteger> attemptsSeen = new ConcurrentHashMap<>();
      CountDownLatch longJobStarted = new CountDownLatch(1);
      List<CordumWorker> workers = new ArrayList<>();
      for (String id : List.of("default-1", "default-2")) {
        workers.add(
            CordumWorker.builder()
                .workerId(id)
                .pool("default")
                .topics("job.default")
                .capabilities("python", "http")
                .maxParallel(4)
                .heartbeatInterval(Duration.ofSeconds(1))
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .handler(
                    job -> {
                      String input = job.inputAsString().orElse("");
                      int attempt =
                          attemptsSeen
                              .computeIfAbsent(job.jobId(), k -> new AtomicInteger())
                              .incrementAndGet();
                      switch (input) {
                        case "flaky" -> {
                          if (attempt == 1) {
                            throw new JobFailedException("upstream_unavailable", "first try fails");
                          }
                          return JobOutput.of("ok on attempt " + attempt);
                        }
                        case "boom" ->
                            throw new JobFailedException("bad_input", "cannot parse input");
                        case "long" -> {
                          longJobStarted.countDown();
                          while (!job.isCancelled()) {
                            job.progress(50, "still working");
                            Thread.sleep(20); // simulated work; stops at once when cancelled
                          }
                          job.throwIfCancelled();
                          return JobOutput.empty();
                        }
                        default -> {
                          return JobOutput.of(
                              input.toUpperCase(Locale.ROOT) + " (by " + job.workerId() + ")");
                        }
                      }
                    })
                .build()
                .start());
      }
      workers.add(
          CordumWorker.builder()
              .workerId("batch-1")
              .pool("batch")
              .topics("job.batch")
              .maxParallel(2)
              .bus(cordum.bus())
              .pointers(cordum.pointers())
              .handler(
                  job ->
                      JobOutput.of(
                          "batch done: "
                              + job.inputAsString().orElse("")
                              + ", config "
                              + job.request().env().get("CORDUM_EFFECTIVE_CONFIG")))
              .build()
              .start());

      Map<String, String> ids = new LinkedHashMap<>();
      for (int i = 1; i <= 4; i++) {
        ids.put(
            "hello-" + i,
            submit(cordum, JobSubmission.builder().topic("job.default").input("hello " + i)));
      }
      ids.put(
          "batch",
          submit(cordum, JobSubmission.builder().topic("job.batch").input("nightly report")));
      ids.put(
          "needs-gpu",
          submit(
              cordum, JobSubmission.builder().topic("job.default").requires("gpu").input("train")));
      ids.put("flaky", submit(cordum, JobSubmission.builder().topic("job.default").input("flaky")));
      ids.put(
          "always-fails",
          submit(cordum, JobSubmission.builder().topic("job.default").input("boom")));
      ids.put(
          "denied",
          submit(
              cordum,
              JobSubmission.builder()
                  .topic("job.default")
                  .riskTags("destructive")
                  .input("rm -rf /")));
      ids.put(
          "cancelled", submit(cordum, JobSubmission.builder().topic("job.default").input("long")));
      ids.put(
          "approved",
          submit(
              cordum,
              JobSubmission.builder().topic("job.default").riskTags("prod").input("deploy")));

      // The prod job waits in APPROVAL_REQUIRED until a human approves it.
      String approved = ids.get("approved");
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (cordum
              .jobs()
              .get(approved)
              .map(r -> r.state() != JobState.APPROVAL_REQUIRED)
              .orElse(true)
          && System.nanoTime() < waitUntil) {
        Thread.sleep(10);
      }
      cordum.approvals().approve(approved, "alice", "change ticket 42");

      if (!longJobStarted.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the long job never started");
      }
      cordum.jobs().cancel(ids.get("cancelled"), "no longer needed");

      Map<String, JobRecord> finals = new LinkedHashMap<>();
      for (var e : ids.entrySet()) {
        finals.put(e.getKey(), cordum.jobs().awaitTerminal(e.getValue()).get(60, TimeUnit.SECONDS));
      }

      out.println();
      out.printf(
          "%-13s %-10s %-8s %-21s %s%n",
          "JOB", "STATE", "ATTEMPTS", "REASON CODE", "RESULT / REASON");
      for (var e : finals.entrySet()) {
        JobRecord r = e.getValue();
        String detail =
            r.state() == JobState.SUCCEEDED
                ? cordum.jobs().result(r.id()).map(String::new).orElse("")
                : r.reason();
        out.printf(
            "%-13s %-10s %-8d %-21s %s%n",
            e.getKey(),
            r.state(),
            r.attempts(),
            r.reasonCode().isEmpty() ? "-" : r.reasonCode(),
            detail);
      }
      SafetyDecisionRecord first = decision(finals, "hello-1");
      out.println();
      out.println("Policy decision for hello-1: " + first.decision() + " (" + first.reason() + ")");
      SafetyDecisionRecord batch = decision(finals, "batch");
      PolicyConstraints constraints = batch.constraints();
      out.println(
          "Policy decision for batch:   "
              + batch.decision()
              + " ("
              + batch.reason()
              + ", redaction "
              + (constraints == null ? "none" : constraints.redactionLevel())
              + ")");
      SafetyDecisionRecord prod = decision(finals, "approved");
      out.println("Policy decision for approved: " + prod.decision() + " (" + prod.reason() + ")");

      // The cancelled job's worker reports CANCELLED too; wait until the DLQ has settled.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (deadLetters.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      out.println();
      // The same names and states as the table above (the packets carry ids and wire statuses).
      Map<String, String> names = new HashMap<>();
      ids.forEach((name, id) -> names.put(id, name));
      out.println("Dead-letter queue (sys.job.dlq):");
      out.printf("  %-13s %-10s %-21s %s%n", "JOB", "STATE", "REASON CODE", "REASON");
      for (JobResult d : deadLetters) {
        JobState state = JobState.fromTerminalStatus(d.status());
        out.printf(
            "  %-13s %-10s %-21s %s%n",
            names.getOrDefault(d.jobId(), d.jobId()),
            state == null ? d.status().name() : state.name(),
            d.errorCode(),
            d.errorMessage());
      }

      // The DLQ store keeps each dead letter with its full request: retry the job that kept
      // failing with a corrected input. The retry is a new job linked to the old one.
      String failed = ids.get("always-fails");
      out.println();
      out.println(
          "DLQ entry of always-fails: "
              + cordum
                  .deadLetters()
                  .get(failed)
                  .map(d -> d.reasonCode() + " after " + d.attempts() + " attempts")
                  .orElse("none"));
      SubmittedJob retried =
          cordum.deadLetters().retry(failed, RetryOptions.builder().input("fixed input").build());
      JobRecord again = cordum.jobs().awaitTerminal(retried.jobId()).get(60, TimeUnit.SECONDS);
      finals.put("retried", again);
      out.println(
          "Retried as "
              + retried.jobId()
              + ": "
              + again.state()
              + ", "
              + cordum.jobs().result(again.id()).map(String::new).orElse(again.reason()));

      // A small workflow on the same control plane: a worker step, a condition on its output,
      // and a notification that runs only when the condition holds.
      cordum
          .workflows()
          .save(
              io.cordum.core.workflow.WorkflowDefinitions.parse(
                  """
          id: greeting
          steps:
            greet: { topic: job.default, input: { name: "${input.name}" } }
            polite: { type: condition, condition: "length(steps.greet.output) > 0", depends_on: [greet] }
            announce: { type: notify, depends_on: [polite], condition: "steps.polite.output == true",
                        input: { message: "greeted ${input.name}" } }
          """));
      io.cordum.api.workflow.WorkflowRun run =
          cordum
              .workflows()
              .start(
                  "greeting",
                  io.cordum.api.workflow.StartOptions.builder().input("name", "ada").build());
      io.cordum.api.workflow.WorkflowRun ended =
          cordum.workflows().awaitTerminal(run.id()).get(60, TimeUnit.SECONDS);
      out.println();
      out.println(
          "Workflow greeting: "
              + ended.status()
              + ", greet said "
              + ended.step("greet").orElseThrow().output()
              + ", announce "
              + ended.step("announce").orElseThrow().status()
              + ", "
              + cordum
                  .workflows()
                  .timeline(run.id(), io.cordum.api.workflow.TimelineQuery.oldest(100))
                  .items()
                  .size()
              + " timeline events");

      dlqTap.close();
      for (CordumWorker w : workers) {
        w.close();
      }
      return finals;
    }
  }

  private static String submit(Cordum cordum, JobSubmission.Builder job) {
    SubmittedJob s = cordum.jobs().submit(job.build());
    return s.jobId();
  }

  /** The safety decision recorded on a job; every job of this example went through the gate. */
  private static SafetyDecisionRecord decision(Map<String, JobRecord> finals, String jobId) {
    JobRecord r = finals.get(jobId);
    SafetyDecisionRecord d = r == null ? null : r.safety();
    if (d == null) {
      throw new IllegalStateException("no safety decision recorded for job " + jobId);
    }
    return d;
  }
}
