package io.cordum.bench;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.policy.SafetyGate;
import io.cordum.core.internal.policy.AllowAllSafetyGate;
import io.cordum.core.internal.policy.DefaultSafetyKernel;
import io.cordum.core.policy.SafetyKernelConfig;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Safety-kernel decision latency with a 1,000-rule policy, in process, on one thread: p50/p99 of
 * single {@code check} calls and the throughput of back-to-back calls. Rows: the request matching
 * no rule, matching rule 500, a policy whose 1,000 rules all cover the request's topic and miss on
 * capability (every rule is tried: the worst case), the same with the decision cache on, and two
 * baselines measured in the same run: the allow-all gate and a {@code HashMap} lookup of a
 * precomputed decision.
 *
 * <p>Run: {@code ./mvnw -B -q -pl cordum-bench -am -DskipTests package exec:java
 * -Dexec.mainClass=io.cordum.bench.PolicyBench -Dexec.args=200000}
 */
public final class PolicyBench {
  private static final int RULES = 1000;
  private static final int DISTINCT = 1024;

  private PolicyBench() {}

  /** Runs the benchmark; the argument is the number of calls per row. */
  public static void main(String[] args) {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    String policy = policy();
    DefaultSafetyKernel kernel =
        new DefaultSafetyKernel(
            SafetyKernelConfig.builder().policy(policy).useBundles(false).build(),
            null,
            InstantSource.system());
    DefaultSafetyKernel cached =
        new DefaultSafetyKernel(
            SafetyKernelConfig.builder()
                .policy(policy)
                .useBundles(false)
                .decisionCacheTtl(Duration.ofMinutes(10))
                .build(),
            null,
            InstantSource.system());
    DefaultSafetyKernel wide =
        new DefaultSafetyKernel(
            SafetyKernelConfig.builder().policy(widePolicy()).useBundles(false).build(),
            null,
            InstantSource.system());
    JobRequest[] miss = requests(i -> "job.other." + i);
    JobRequest[] mid = requests(i -> "job.bench.500.run");
    SafetyDecisionRecord allow = new AllowAllSafetyGate().check(miss[0]);
    Map<String, SafetyDecisionRecord> map = new HashMap<>();
    for (JobRequest r : miss) {
      map.put(r.topic(), allow);
    }
    // Measured on the miss requests only, whose topics are all in the map.
    SafetyGate lookup = r -> Objects.requireNonNull(map.get(r.topic()));
    SafetyGate allowAll = new AllowAllSafetyGate();

    List<Row> rows =
        List.of(
            new Row("baseline: allow-all gate", allowAll, miss),
            new Row("baseline: HashMap lookup", lookup, miss),
            new Row("kernel, no rule for the topic", kernel, miss),
            new Row("kernel, rule 500 matches", kernel, mid),
            new Row("kernel, 1000 rules tried, none match", wide, miss),
            new Row("kernel + decision cache (hits)", cached, miss));
    for (Row r : rows) {
      run(r, calls / 4); // warm-up (JIT), not reported
    }
    System.out.printf(
        "%-38s %10s %10s %10s %12s%n", "run", "calls", "p50 (µs)", "p99 (µs)", "calls/s");
    for (Row r : rows) {
      Histogram h = run(r, calls);
      double perSec = throughput(r, calls);
      System.out.printf(
          "%-38s %10d %10.2f %10.2f %12.0f%n",
          r.name, calls, h.percentileMicros(50), h.percentileMicros(99), perSec);
    }
  }

  private record Row(String name, SafetyGate gate, JobRequest[] requests) {}

  private static Histogram run(Row r, int calls) {
    Histogram h = new Histogram();
    long sink = 0;
    for (int i = 0; i < calls; i++) {
      JobRequest req = r.requests[i & (DISTINCT - 1)];
      long t0 = System.nanoTime();
      SafetyDecisionRecord d = r.gate.check(req);
      h.record(System.nanoTime() - t0);
      sink += d.ruleId().length();
    }
    if (sink == 42) {
      System.out.print("");
    }
    return h;
  }

  private static double throughput(Row r, int calls) {
    long sink = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      sink += r.gate.check(r.requests[i & (DISTINCT - 1)]).reason().length();
    }
    long ns = System.nanoTime() - t0;
    if (sink == 42) {
      System.out.print("");
    }
    return calls / (ns / 1e9);
  }

  private static JobRequest[] requests(Function<Integer, String> topic) {
    JobRequest[] out = new JobRequest[DISTINCT];
    for (int i = 0; i < DISTINCT; i++) {
      out[i] =
          JobRequest.builder()
              .jobId("job-" + i)
              .topic(topic.apply(i))
              .tenantId("tenant-" + (i % 10))
              .putLabels("env", i % 2 == 0 ? "prod" : "dev")
              .putLabels("team", "t" + (i % 7))
              .meta(
                  JobMetadata.builder()
                      .actorId("svc-" + (i % 50))
                      .actorType(ActorType.SERVICE)
                      .capability("cap." + (i % 20))
                      .riskTags("write", "r" + (i % 5))
                      .build())
              .build();
    }
    return out;
  }

  /** 1,000 rules that all cover every topic and differ by capability and tenant. */
  static String widePolicy() {
    StringBuilder sb = new StringBuilder("version: wide\nrules:\n");
    for (int i = 0; i < RULES; i++) {
      sb.append("  - id: w")
          .append(i)
          .append('\n')
          .append("    match: { topics: [\"job.*\"], capabilities: [other.")
          .append(i)
          .append("], tenants: [tenant-")
          .append(i % 10)
          .append("] }\n")
          .append("    decision: deny\n");
    }
    return sb.toString();
  }

  /** 1,000 rules over topics, tenants, capabilities, risk tags, labels and actors. */
  static String policy() {
    StringBuilder sb = new StringBuilder("version: bench\nrules:\n");
    String[] decisions = {
      "deny", "require_approval", "throttle", "allow_with_constraints", "allow"
    };
    for (int i = 0; i < RULES; i++) {
      sb.append("  - id: r")
          .append(i)
          .append('\n')
          .append("    match:\n")
          .append("      topics: [\"job.bench.")
          .append(i)
          .append(".*\"]\n");
      if (i % 3 == 0) {
        sb.append("      tenants: [tenant-")
            .append(i % 10)
            .append(", tenant-")
            .append((i + 1) % 10)
            .append("]\n");
      }
      if (i % 5 == 0) {
        sb.append("      risk_tags: [write]\n");
      }
      if (i % 7 == 0) {
        sb.append("      labels: { env: prod }\n");
      }
      if (i % 11 == 0) {
        sb.append("      actor_types: [service]\n");
      }
      String d = decisions[i % decisions.length];
      sb.append("    decision: ")
          .append(d)
          .append('\n')
          .append("    reason: rule ")
          .append(i)
          .append('\n');
      if (d.equals("allow_with_constraints")) {
        sb.append(
            "    constraints: { budgets: { max_runtime_ms: 60000 }, redaction_level: high }\n");
      }
    }
    return sb.toString();
  }
}
