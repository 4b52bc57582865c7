package io.cordum.core.internal.workflow;

import static io.cordum.core.internal.workflow.EngineBasicsTest.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.workflow.InvalidRunTransitionException;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRetry;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.internal.backends.Backends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backends.class)
class EngineLifecycleTest {
  final WfHarness h;

  EngineLifecycleTest(Backends backends) {
    h = new WfHarness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void cancelStopsInFlightJobsAndEveryUnfinishedStep() {
    // Spec case 9.
    h.engine.save(
        WorkflowDefinition.builder("c")
            .step(job("a"))
            .step(job("fan").forEach("input.items"))
            .step(job("later").dependsOn("a"))
            .build());
    h.engine.start("c", StartOptions.builder().runId("r").input("items", List.of(1)).build());
    h.awaitJob("r:a@1");
    h.awaitJob("r:fan[0]@1");
    WorkflowRun cancelled = h.engine.cancel("r", "");
    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.steps().values()).allMatch(s -> s.status() == StepStatus.CANCELLED);
    h.settle();
    assertThat(h.cancels.stream().map(m -> ((JobCancel) m.packet().payload()).jobId()).distinct())
        .containsExactlyInAnyOrder("r:a@1", "r:fan[0]@1");
    assertThat(h.jobs.get("r:a@1").map(JobRecord::state)).contains(JobState.CANCELLED);
    // A late result for a cancelled run changes nothing.
    h.ok("r:a@1", "1");
    h.settle();
    assertThat(h.run("r").version()).isEqualTo(cancelled.version());
  }

  @Test
  void aFinishedRunCannotBeCancelled() {
    // Bug 10: the original overwrote succeeded and failed runs with cancelled.
    h.engine.save(WorkflowDefinition.builder("c").step(job("a")).build());
    h.engine.start("c", StartOptions.builder().runId("r").build());
    h.ok("r:a@1", "1");
    h.awaitStatus("r", RunStatus.SUCCEEDED);
    assertThatThrownBy(() -> h.engine.cancel("r", "late"))
        .isInstanceOf(InvalidRunTransitionException.class);
    assertThat(h.run("r").status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void rerunFromAStepReExecutesOnlyItAndItsDependents() {
    // Spec case 8 and bug 15 (the original re-ran unrelated branches and kept their context).
    h.engine.save(
        WorkflowDefinition.builder("rr")
            .step(job("step1").outputPath("one"))
            .step(job("step2").dependsOn("step1").outputPath("two"))
            .step(job("step3").dependsOn("step2"))
            .step(job("side").outputPath("side_out"))
            .build());
    h.engine.start("rr", StartOptions.builder().runId("src").dryRun(true).build());
    h.ok("src:step1@1", "1");
    h.ok("src:side@1", "\"s\"");
    h.ok("src:step2@1", "2");
    h.ok("src:step3@1", "3");
    h.awaitStatus("src", RunStatus.SUCCEEDED);

    WorkflowRun rerun = h.engine.rerun("src", "step2", false);
    assertThat(rerun.rerunOf()).isEqualTo("src");
    assertThat(rerun.metadata())
        .containsEntry("rerun_of", "src")
        .containsEntry("rerun_step", "step2")
        .doesNotContainKey("dry_run");
    assertThat(rerun.dryRun()).isFalse();
    @SuppressWarnings("unchecked")
    Map<String, Object> steps = (Map<String, Object>) rerun.context().get("steps");
    assertThat(steps).containsOnlyKeys("step1", "side");
    assertThat(rerun.context()).containsKeys("one", "side_out").doesNotContainKey("two");
    String id = rerun.id();
    assertThat(h.jobIds())
        .contains(id + ":step2@1")
        .doesNotContain(id + ":step1@1", id + ":side@1");
    assertThat(h.awaitJob(id + ":step2@1").env()).doesNotContainKey("dry_run");
    h.ok(id + ":step2@1", "22");
    h.ok(id + ":step3@1", "33");
    WorkflowRun done = h.awaitStatus(id, RunStatus.SUCCEEDED);
    assertThat(done.context()).containsEntry("two", 22L);

    WorkflowRun dry = h.engine.rerun("src", "", true);
    assertThat(dry.labels()).containsEntry("dry_run", "true");
    assertThat(dry.metadata()).containsEntry("dry_run", "true").doesNotContainKey("rerun_step");
    assertThatThrownBy(() -> h.engine.rerun("src", "nope", false))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void endToEndApprovalFanOutRetryRerunAcrossAnEngineRestart() {
    h.engine.save(
        WorkflowDefinition.builder("e2e")
            .step(StepDefinition.builder("approve").type(StepType.APPROVAL))
            .step(
                job("scan")
                    .dependsOn("approve")
                    .forEach("input.files")
                    .maxParallel(2)
                    .input("path", "${item}")
                    .retry(new StepRetry(1, 1, 0, 2, 0)))
            .step(job("summarize").dependsOn("scan").input("all", "${steps.scan.output}"))
            .build());
    h.engine.start(
        "e2e", StartOptions.builder().runId("e").input("files", List.of("a", "b", "c")).build());
    h.engine.approve("e", "approve", "alice", "go");
    assertThat(h.jobIds()).containsExactlyInAnyOrder("e:scan[0]@1", "e:scan[1]@1");
    h.ok("e:scan[0]@1", "\"A\"");
    h.awaitJob("e:scan[2]@1");
    h.fail("e:scan[1]@1", "transient");
    h.awaitRun("e", r -> r.step("scan[1]").orElseThrow().status() == StepStatus.PENDING);

    h.restart(); // a new engine instance on the same stores, in the middle of the run
    h.advance(Duration.ofSeconds(1));
    h.ok("e:scan[1]@2", "\"B\"");
    h.ok("e:scan[2]@1", "\"C\"");
    h.awaitStep("e", "summarize", StepStatus.RUNNING);
    assertThat(h.run("e").step("summarize").orElseThrow().input())
        .isEqualTo(Map.of("all", List.of("A", "B", "C")));

    // The replica restarts again while summarize runs, without watching the jobs in flight:
    // the result is seen by the durable job check.
    h.restart(false);
    h.awaitJob("e:summarize@1");
    h.reply("e:summarize@1", WfHarness.Reply.ok("\"report\""));
    h.settle();
    h.advance(Duration.ofSeconds(30));
    WorkflowRun done = h.awaitStatus("e", RunStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo(Map.of("summarize", "report"));

    WorkflowRun rerun = h.engine.rerun("e", "summarize", false);
    h.ok(rerun.id() + ":summarize@1", "\"report 2\"");
    assertThat(h.awaitStatus(rerun.id(), RunStatus.SUCCEEDED).output())
        .isEqualTo(Map.of("summarize", "report 2"));
    assertThat(h.jobIds()).hasSize(6);
  }

  @Test
  void aJobThatEndedWhileNobodyWatchedIsAppliedByTheJobCheck() {
    h.engine.save(WorkflowDefinition.builder("w").step(job("a")).build());
    h.engine.start("w", StartOptions.builder().runId("r").build());
    h.awaitJob("r:a@1");
    h.restart(false);
    h.jobStore.cancel("r:a@1", "cancelled by an operator");
    h.advance(Duration.ofSeconds(29));
    assertThat(h.run("r").status()).isEqualTo(RunStatus.RUNNING);
    h.advance(Duration.ofSeconds(1));
    assertThat(h.awaitStatus("r", RunStatus.FAILED).step("a").orElseThrow().status())
        .isEqualTo(StepStatus.CANCELLED);
  }

  @Test
  void aMissingJobIsSubmittedAgainByTheJobCheck() {
    // A crash between the run write and the submit leaves a running step without a job.
    h.engine.save(WorkflowDefinition.builder("w").step(job("a")).build());
    WorkflowRun created =
        h.store
            .createRun(WorkflowRun.builder("r").workflowId("w").workflowVersion(1).build())
            .run();
    h.store.updateRun(
        created.toBuilder()
            .status(RunStatus.RUNNING)
            .step(
                io.cordum.api.workflow.StepRun.builder("a")
                    .status(StepStatus.RUNNING)
                    .attempts(1)
                    .jobId("r:a@1")
                    .input(Map.of("k", 1))
                    .checkAt(h.clock.instant().plusSeconds(30))
                    .build())
            .wakeAt(h.clock.instant().plusSeconds(30))
            .build(),
        1,
        List.of());
    h.advance(Duration.ofSeconds(30));
    assertThat(h.awaitJob("r:a@1").jobId()).isEqualTo("r:a@1");
    h.ok("r:a@1", "1");
    h.awaitStatus("r", RunStatus.SUCCEEDED);
  }

  @Test
  void concurrentResultsForOneRunAreAllApplied() throws Exception {
    // A result racing another update retries its compare-and-set instead of being dropped.
    int n = 8;
    h.engine.save(
        WorkflowDefinition.builder("fan").step(job("fan").forEach("input.items")).build());
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(i);
    }
    h.engine.start("fan", StartOptions.builder().runId("r").input("items", items).build());
    for (int i = 0; i < n; i++) {
      h.ok("r:fan[" + i + "]@1", Integer.toString(i));
    }
    h.settle();
    List<JobRecord> recs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      recs.add(h.jobs.awaitTerminal("r:fan[" + i + "]@1").get(10, TimeUnit.SECONDS));
    }
    // Replay all of them at once on fresh threads (duplicates of what the watcher applied).
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> fs = new ArrayList<>();
      for (JobRecord rec : recs) {
        fs.add(
            pool.submit(
                () -> {
                  go.await();
                  h.engine.onJobTerminal(rec);
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : fs) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    WorkflowRun done = h.awaitStatus("r", RunStatus.SUCCEEDED);
    assertThat(done.step("fan").orElseThrow().output())
        .isEqualTo(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L));
    assertThat(h.timeline("r").stream().filter(e -> e.type().equals("step_completed"))).hasSize(n);
  }

  @Test
  void racingResultsOnAFreshEngineAreAllApplied() throws Exception {
    int n = 6;
    h.engine.save(
        WorkflowDefinition.builder("fan").step(job("fan").forEach("input.items")).build());
    h.engine.start(
        "fan", StartOptions.builder().runId("r").input("items", List.of(0, 1, 2, 3, 4, 5)).build());
    h.settle();
    h.restart(false); // nobody watches the jobs any more
    for (int i = 0; i < n; i++) {
      h.jobStore.transition(
          "r:fan[" + i + "]@1", io.cordum.api.job.Transition.to(JobState.SUCCEEDED).build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        JobRecord rec = h.jobStore.get("r:fan[" + i + "]@1").orElseThrow();
        fs.add(
            pool.submit(
                () -> {
                  go.await();
                  h.engine.onJobTerminal(rec);
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : fs) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // A result offered while another thread applies the run's results is applied by that
    // thread, in its next batch: the run ends once the last batch is stored.
    h.awaitStatus("r", RunStatus.SUCCEEDED);
    assertThat(h.timeline("r").stream().filter(e -> e.type().equals("step_completed"))).hasSize(n);
  }
}
