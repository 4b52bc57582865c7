package io.cordum.faults;

import java.time.Duration;

/**
 * One run of the suite.
 *
 * @param fault what is killed
 * @param jetStream JetStream mode (else core NATS)
 * @param clustered a three-node NATS cluster (JetStream replicas 3) and a Redis Cluster of three
 *     masters with a replica each, instead of single servers
 * @param jobs how many jobs the client submits
 * @param rate jobs per second
 * @param workMs how long each handler works
 * @param downtime how long a killed process that comes back stays down
 */
public record Scenario(
    Fault fault,
    boolean jetStream,
    boolean clustered,
    int jobs,
    double rate,
    long workMs,
    Duration downtime) {

  /** A scenario with the suite's standard load: {@code jobs} at 40 jobs/s, 20 ms handlers. */
  public static Scenario of(Fault fault, boolean jetStream, boolean clustered, int jobs) {
    return new Scenario(fault, jetStream, clustered, jobs, 40, 20, Duration.ofSeconds(3));
  }

  /** For the results table. */
  public String name() {
    return fault.label()
        + ", "
        + (jetStream ? "JetStream" : "core NATS")
        + (clustered ? ", clustered" : "");
  }
}
