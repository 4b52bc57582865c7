package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.api.trace.TraceSpan;
import io.cordum.api.trace.TraceSpan.Kind;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobOutput;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The tracing hook: one span per step of a job's life and per ended workflow step. */
class CordumTracingTest {

  private static CordumWorker worker(Cordum c) {
    return CordumWorker.builder()
        .workerId("w1")
        .pool("default")
        .topics("job.default")
        .maxParallel(2)
        .cpuLoad(CpuLoad.fixed(0))
        .bus(c.bus())
        .pointers(c.pointers())
        .handler(job -> JobOutput.of("done"))
        .build()
        .start();
  }

  @Test
  void aJobAndAWorkflowStepLeaveLinkedSpans() throws Exception {
    List<TraceSpan> spans = new CopyOnWriteArrayList<>();
    try (Cordum cordum = Cordum.builder().tracer(spans::add).build().start();
        CordumWorker w = worker(cordum)) {
      SubmittedJob job =
          cordum.jobs().submit(JobSubmission.builder().topic("job.default").input("x").build());
      cordum.jobs().awaitTerminal(job.jobId()).get(10, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  spans.stream()
                      .anyMatch(s -> s.kind() == Kind.RESULT && s.jobId().equals(job.jobId())));
      List<TraceSpan> mine = spans.stream().filter(s -> s.jobId().equals(job.jobId())).toList();
      assertThat(mine)
          .extracting(TraceSpan::kind)
          .contains(Kind.SUBMIT, Kind.SAFETY_DECISION, Kind.DISPATCH, Kind.RESULT);
      assertThat(mine).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(job.traceId()));
      assertThat(mine)
          .filteredOn(s -> s.kind() == Kind.SAFETY_DECISION)
          .allSatisfy(s -> assertThat(s.attributes()).containsEntry("decision", "ALLOW"));
      assertThat(mine)
          .filteredOn(s -> s.kind() == Kind.RESULT)
          .allSatisfy(s -> assertThat(s.error()).isFalse());

      cordum
          .workflows()
          .save(
              WorkflowDefinition.builder("wf")
                  .step(StepDefinition.builder("a").topic("job.default"))
                  .build());
      WorkflowRun run = cordum.workflows().start("wf", StartOptions.DEFAULT);
      cordum.workflows().awaitTerminal(run.id()).get(10, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  spans.stream()
                      .anyMatch(s -> s.kind() == Kind.WORKFLOW_STEP && s.runId().equals(run.id())));
      TraceSpan step =
          spans.stream().filter(s -> s.kind() == Kind.WORKFLOW_STEP).findFirst().orElseThrow();
      assertThat(step.stepId()).isEqualTo("a");
      assertThat(step.attributes()).containsEntry("status", "SUCCEEDED");
      // The step's job is in the run's trace.
      assertThat(spans)
          .filteredOn(s -> s.jobId().equals(step.jobId()) && s.kind() == Kind.DISPATCH)
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s.traceId()).isEqualTo(step.traceId()));
    }
  }

  @Test
  void aTracerThatThrowsBreaksNothing() throws Exception {
    try (Cordum cordum =
            Cordum.builder()
                .tracer(
                    s -> {
                      throw new IllegalStateException("boom");
                    })
                .build()
                .start();
        CordumWorker w = worker(cordum)) {
      SubmittedJob job =
          cordum.jobs().submit(JobSubmission.builder().topic("job.default").input("x").build());
      assertThat(cordum.jobs().awaitTerminal(job.jobId()).get(10, TimeUnit.SECONDS).state().name())
          .isEqualTo("SUCCEEDED");
    }
  }
}
