package io.cordum.faults;

import io.cordum.core.Cordum;
import java.util.concurrent.CountDownLatch;

/**
 * A control-plane replica: Cordum as a user who changes nothing runs it, from the environment
 * ({@code NATS_URL}, {@code NATS_USE_JETSTREAM}, {@code REDIS_URL} or {@code
 * REDIS_CLUSTER_ADDRESSES}, ...), with every default. Prints {@code READY} once started and runs
 * until killed.
 */
public final class ControlPlaneMain {
  private ControlPlaneMain() {}

  /** Runs the replica. */
  public static void main(String[] args) throws InterruptedException {
    Cordum cordum = Cordum.builder().fromEnvironment().build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(cordum::close));
    HeapReport.every(java.time.Duration.ofSeconds(10));
    System.out.println("READY");
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
