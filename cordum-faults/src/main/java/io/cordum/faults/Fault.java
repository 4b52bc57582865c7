package io.cordum.faults;

/** What a run kills with SIGKILL, once, while jobs flow. */
public enum Fault {
  /** The only control-plane replica; started again after the downtime. */
  CONTROL_PLANE("control plane"),
  /** One of two control-plane replicas; the other carries on, the killed one stays down. */
  REPLICA("one of two replicas"),
  /** One of two workers; it stays down (its jobs must run on the other). */
  WORKER("worker"),
  /** One of two workers, started again under the same id after a second. */
  WORKER_RESTART("worker, restarted (same id)"),
  /** Redis (or one master of a cluster); started again after the downtime with its AOF. */
  REDIS("Redis"),
  /** NATS (or one node of a cluster); started again after the downtime with its store. */
  NATS("NATS");

  private final String label;

  Fault(String label) {
    this.label = label;
  }

  /** For the results table. */
  public String label() {
    return label;
  }
}
