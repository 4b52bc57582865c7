package io.cordum.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.BackendException;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 4: a result published while the bus is down must not be dropped. The worker
 * keeps it and publishes it again until the bus takes it.
 */
class CordumWorkerBusOutageTest {
  private final WorkerFixture fx = new WorkerFixture();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /** The fixture's bus, refusing results while {@link #down} is set. */
  private final class Outage implements Bus {
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger refused = new AtomicInteger();

    @Override
    public void publish(String subject, BusPacket packet) {
      if (down.get() && subject.equals(Subjects.RESULT)) {
        refused.incrementAndGet();
        throw new BackendException("publish to " + subject + " failed: Connection closed", null);
      }
      fx.bus.publish(subject, packet);
    }

    @Override
    public Subscription subscribe(
        String subject, @Nullable String queueGroup, MessageHandler handler) {
      return fx.bus.subscribe(subject, queueGroup, handler);
    }

    @Override
    public void close() {}
  }

  @Test
  void aResultRefusedByTheBusIsPublishedOnceTheBusIsBack() {
    Outage bus = new Outage();
    bus.down.set(true);
    AtomicInteger runs = new AtomicInteger();
    fx.start(
        fx.worker(
                job -> {
                  runs.incrementAndGet();
                  return JobOutput.of("done");
                })
            .bus(bus));

    fx.submit("during-outage");
    WorkerFixture.eventually().until(() -> bus.refused.get() >= 3); // retried, not dropped
    assertThat(fx.resultMessages("during-outage")).isEmpty();
    bus.down.set(false);

    assertThat(fx.awaitResult("during-outage").status()).isEqualTo(JobStatus.SUCCEEDED);
    fx.quiesce();
    assertThat(fx.resultMessages("during-outage")).hasSize(1);
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void aRedeliveredRequestForAJobWhoseResultWaitsIsNotRunAgain() {
    Outage bus = new Outage();
    bus.down.set(true);
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch ran = new CountDownLatch(1);
    fx.start(
        fx.worker(
                job -> {
                  runs.incrementAndGet();
                  ran.countDown();
                  return JobOutput.of("done");
                })
            .bus(bus));

    fx.submit("waiting-result");
    WorkerFixture.eventually().until(() -> ran.getCount() == 0 && bus.refused.get() >= 1);
    fx.submit("waiting-result"); // the bus redelivers the request
    fx.quiesce();
    bus.down.set(false);

    fx.awaitResult("waiting-result");
    fx.quiesce();
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void closeWaitsForUnpublishedResults() {
    Outage bus = new Outage();
    bus.down.set(true);
    CordumWorker w = fx.start(fx.worker(job -> JobOutput.of("done")).bus(bus));
    fx.submit("at-close");
    WorkerFixture.eventually().until(() -> bus.refused.get() >= 1);

    Thread closer = new Thread(w::close);
    closer.start();
    WorkerFixture.eventually().until(() -> bus.refused.get() >= 3);
    bus.down.set(false);

    WorkerFixture.eventually().until(() -> !closer.isAlive());
    assertThat(fx.resultMessages("at-close")).hasSize(1);
  }

  /** The fixture's bus, holding results published asynchronously until the test confirms them. */
  private final class Unconfirmed implements Bus {
    final java.util.List<java.util.concurrent.CompletableFuture<Void>> acks =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.List<BusPacket> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void publish(String subject, BusPacket packet) {
      fx.bus.publish(subject, packet);
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> publishAsync(
        String subject, BusPacket packet, @Nullable String messageId) {
      if (!subject.equals(Subjects.RESULT)) {
        return fx.bus.publishAsync(subject, packet, messageId);
      }
      held.add(packet); // not delivered: as a message the stream did not store
      var ack = new java.util.concurrent.CompletableFuture<Void>();
      acks.add(ack);
      return ack;
    }

    @Override
    public Subscription subscribe(
        String subject, @Nullable String queueGroup, MessageHandler handler) {
      return fx.bus.subscribe(subject, queueGroup, handler);
    }

    @Override
    public void close() {}
  }

  @Test
  void aResultWhoseAckFailsIsPublishedAgainAndItsJobIsNotRunTwice() {
    Unconfirmed bus = new Unconfirmed();
    AtomicInteger runs = new AtomicInteger();
    CordumWorker w =
        fx.start(
            fx.worker(
                    job -> {
                      runs.incrementAndGet();
                      return JobOutput.of("done");
                    })
                .bus(bus));
    fx.submit("unconfirmed");
    WorkerFixture.eventually().until(() -> bus.acks.size() == 1);
    fx.submit("unconfirmed"); // redelivered while its result awaits the ack: not run again
    fx.quiesce();
    assertThat(runs.get()).isEqualTo(1);

    Thread closer = new Thread(w::close);
    closer.start();
    bus.acks.get(0).completeExceptionally(new BackendException("no ack (test)", null));

    assertThat(fx.awaitResult("unconfirmed").status()).isEqualTo(JobStatus.SUCCEEDED);
    WorkerFixture.eventually().until(() -> !closer.isAlive());
    assertThat(fx.resultMessages("unconfirmed")).hasSize(1);
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void closeWaitsForResultsAwaitingTheirAck() {
    Unconfirmed bus = new Unconfirmed();
    CordumWorker w = fx.start(fx.worker(job -> JobOutput.of("done")).bus(bus));
    fx.submit("at-close");
    WorkerFixture.eventually().until(() -> bus.acks.size() == 1);

    Thread closer = new Thread(w::close);
    closer.start();
    WorkerFixture.eventually().until(() -> closer.getState() == Thread.State.TIMED_WAITING);
    assertThat(closer.isAlive()).isTrue();
    fx.bus.publish(Subjects.RESULT, bus.held.get(0)); // the stream took it after all
    bus.acks.get(0).complete(null);

    WorkerFixture.eventually().until(() -> !closer.isAlive());
    assertThat(fx.resultMessages("at-close")).hasSize(1);
  }
}
