package io.cordum.examples;

import io.cordum.api.job.JobSubmission;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.workflow.WorkflowDefinitions;
import io.cordum.gateway.Gateway;
import io.cordum.gateway.GatewayConfig;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobFailedException;
import io.cordum.worker.JobOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An embedded control plane with the HTTP gateway and its web console, to look at: a worker, a
 * policy that holds {@code job.review} for approval, a workflow with an approval step, and a few
 * jobs (one succeeds, one fails into the DLQ, one waits for approval, one waits for a pool with no
 * worker). It prints the console's address and an API key, then runs until stopped.
 *
 * <p>The key is {@code CORDUM_API_KEY} when set, else a random one; the port is {@code
 * GATEWAY_HTTP_ADDR} (default {@code 127.0.0.1:8081}).
 */
public final class ConsoleExample {
  private ConsoleExample() {}

  /** Starts everything and waits for Ctrl-C. */
  public static void main(String[] args) throws IOException, InterruptedException {
    String key =
        System.getenv()
            .getOrDefault(
                "CORDUM_API_KEY", HexFormat.of().formatHex(new SecureRandom().generateSeed(12)));
    Path policy = Files.createTempFile("cordum-console-example", ".yaml");
    policy.toFile().deleteOnExit();
    Files.writeString(
        policy,
        """
        rules:
          - id: review
            match: { topics: ["job.review"] }
            decision: require_approval
            reason: a person reviews these
        """);
    Cordum cordum =
        Cordum.builder()
            .pools(
                PoolConfig.builder()
                    .topic("job.default", "default")
                    .topic("job.review", "default")
                    .topic("job.gpu", "gpu")
                    .pool("default")
                    .pool("gpu")
                    .build())
            .policy(policy)
            .build()
            .start();
    CordumWorker worker =
        CordumWorker.builder()
            .bus(cordum.bus())
            .pointers(cordum.pointers())
            .pool("default")
            .topics("job.default", "job.review")
            .maxParallel(4)
            .handler(
                job -> {
                  String in = job.inputAsString().orElse("");
                  if (in.contains("fail")) {
                    throw new JobFailedException("demo_failure", "asked to fail");
                  }
                  return JobOutput.of("{\"echo\":" + quote(in) + "}");
                })
            .build()
            .start();
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.put("CORDUM_API_KEY", key);
    Gateway gateway =
        Gateway.builder()
            .cordum(cordum)
            .config(GatewayConfig.builder().fromEnvironment(env).build())
            .build()
            .start();
    cordum
        .workflows()
        .save(
            WorkflowDefinitions.parse(
                """
        id: release
        name: Release
        steps:
          build:   { topic: job.default, input: { step: build } }
          review:  { type: approval, depends_on: [build] }
          deploy:  { topic: job.default, depends_on: [review], input: { step: deploy } }
          notify:  { topic: job.default, depends_on: [build], input: { step: notify } }
        """));
    cordum.jobs().submit(JobSubmission.builder().topic("job.default").input("hello").build());
    cordum.jobs().submit(JobSubmission.builder().topic("job.default").input("please fail").build());
    cordum.jobs().submit(JobSubmission.builder().topic("job.review").input("wire money").build());
    cordum.jobs().submit(JobSubmission.builder().topic("job.gpu").input("train").build());
    System.out.println();
    System.out.println("Cordum console: " + gateway.uri() + "/console");
    System.out.println("API key:        " + key);
    System.out.println("Ctrl-C stops it.");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  worker.close();
                  cordum.close();
                  stop.countDown();
                }));
    stop.await();
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return b.append('"').toString();
  }
}
