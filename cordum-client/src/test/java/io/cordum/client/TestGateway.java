package io.cordum.client;

import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.gateway.Gateway;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.auth.ApiKeys;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobFailedException;
import io.cordum.worker.JobOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real gateway on a free port over an in-memory control plane, for the client's and the CLI's
 * tests. Key {@value #KEY} (principal {@code alice}). A worker serves {@code job.test} (pool {@code
 * test}) and answers {@code {"echo": <input>}}; an input containing {@code fail} fails with code
 * {@code boom}; one containing {@code slow} runs until cancelled. The policy holds {@code job.hold}
 * for approval and denies {@code job.danger}, offering the remediation {@code safer} to {@code
 * job.safe}.
 */
public final class TestGateway implements AutoCloseable {
  /** The API key. */
  public static final String KEY = "test-key";

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The policy the control plane runs. */
  public static final String POLICY =
      """
      rules:
        - id: hold
          match: { topics: ["job.hold"] }
          decision: require_approval
          reason: needs a human
        - id: danger
          match: { topics: ["job.danger"] }
          decision: deny
          reason: too dangerous
          remediations:
            - id: safer
              title: Use the safe topic
              replacement_topic: job.safe
      """;

  static final PoolConfig POOLS =
      PoolConfig.builder()
          .topic("job.test", "test")
          .topic("job.hold", "test")
          .topic("job.danger", "test")
          .topic("job.safe", "test")
          .topic("job.default", "test")
          .pool("test")
          .build();

  private final Cordum cordum;
  private final CordumWorker worker;
  private final Gateway gateway;

  private TestGateway(UnaryOperator<GatewayConfig.Builder> settings) {
    Path policy;
    try {
      policy = Files.createTempFile("cordum-client-policy", ".yaml");
      Files.writeString(policy, POLICY);
      policy.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cordum =
        Cordum.builder()
            .pools(POOLS)
            .policy(policy)
            .scheduler(s -> s.tickInterval(Duration.ofMillis(20)))
            .build()
            .start();
    worker =
        CordumWorker.builder()
            .workerId("w1")
            .pool("test")
            .topics("job.test", "job.safe", "job.default")
            .maxParallel(8)
            .heartbeatInterval(Duration.ofSeconds(1))
            .cpuLoad(CpuLoad.fixed(0))
            .bus(cordum.bus())
            .pointers(cordum.pointers())
            .handler(
                job -> {
                  String in = job.inputAsString().orElse("");
                  if (in.contains("fail")) {
                    throw new JobFailedException("boom", "asked to fail");
                  }
                  while (in.contains("slow") && !job.isCancelled()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                  }
                  job.throwIfCancelled();
                  return JobOutput.of(
                      "{\"echo\":" + (in.isEmpty() ? "null" : JSON.writeValueAsString(in)) + "}");
                })
            .build()
            .start();
    gateway =
        Gateway.builder()
            .cordum(cordum)
            .config(
                settings
                    .apply(
                        GatewayConfig.builder()
                            .port(0)
                            .rateLimitPerSecond(0)
                            .apiKeys(
                                ApiKeys.fromEnvironment(
                                    Map.of("CORDUM_API_KEYS", "default:" + KEY + ":admin:alice"))))
                    .build())
            .build()
            .start();
  }

  /** Starts a control plane, a worker and a gateway. */
  public static TestGateway start() {
    return new TestGateway(b -> b);
  }

  /** The same, with gateway settings changed. */
  public static TestGateway start(UnaryOperator<GatewayConfig.Builder> settings) {
    return new TestGateway(settings);
  }

  /** The gateway's address. */
  public URI uri() {
    return gateway.uri();
  }

  /** The gateway's address as text, without a trailing slash. */
  public String url() {
    String s = gateway.uri().toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** The control plane behind the gateway. */
  public Cordum cordum() {
    return cordum;
  }

  /** A client of this gateway with the key. */
  public CordumClient client() {
    return CordumClient.builder().gateway(url()).apiKey(KEY).build();
  }

  @Override
  public void close() {
    gateway.close();
    worker.close();
    cordum.close();
  }
}
