package io.cordum.examples;

import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.workflow.WorkflowDefinitions;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;

/**
 * The README's workflow: a worker step, a condition on its output, and a step that runs only when
 * the condition holds, on the in-memory backends. The worker echoes its input, so the {@code
 * amount} of the run input decides whether {@code book} runs or is skipped.
 */
public final class WorkflowExample {
  private WorkflowExample() {}

  /** Runs the workflow once with {@code amount} 250 and prints how it ended. */
  public static void main(String[] args) {
    WorkflowRun done = run(250);
    System.out.println(
        "run "
            + done.id()
            + " "
            + done.status()
            + ", steps "
            + done.steps().keySet()
            + ", book "
            + done.step("book").orElseThrow().status());
  }

  /** Starts one run with the given amount and returns it once it has ended. */
  public static WorkflowRun run(int amount) {
    try (Cordum cordum =
            Cordum.builder()
                .pools(PoolConfig.builder().topic("job.default", "default").pool("default").build())
                .build()
                .start();
        CordumWorker worker =
            CordumWorker.builder()
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .pool("default")
                .topics("job.default")
                .handler(job -> JobOutput.of(job.inputAsString().orElse("{}"))) // echoes its input
                .build()
                .start()) {
      cordum
          .workflows()
          .save(
              WorkflowDefinitions.parse(
                  """
          id: invoice
          steps:
            price: { topic: job.default }
            large: { type: condition, condition: "steps.price.output.amount > 100", depends_on: [price] }
            book:  { topic: job.default, depends_on: [large], condition: "steps.large.output == true" }
          """));
      WorkflowRun run =
          cordum
              .workflows()
              .start("invoice", StartOptions.builder().input("amount", amount).build());
      return cordum.workflows().awaitTerminal(run.id()).join(); // SUCCEEDED
    }
  }
}
