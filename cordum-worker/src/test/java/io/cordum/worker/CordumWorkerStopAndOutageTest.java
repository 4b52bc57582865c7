package io.cordum.worker;

import static io.cordum.worker.WorkerFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cordum.api.BackendException;
import io.cordum.api.bus.Bus;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.Subjects;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A closing worker says so; a bus outage is not logged on every heartbeat. */
class CordumWorkerStopAndOutageTest {
  private final WorkerFixture fx = new WorkerFixture();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void closeSendsALastHeartbeatThatSaysTheWorkerIsStopping() {
    CordumWorker w =
        fx.start(fx.worker(job -> JobOutput.empty()).maxParallel(3).label("zone", "eu"));
    eventually().until(() -> fx.heartbeatsOf(w.workerId()).size() == 1);
    w.close();
    eventually().until(() -> fx.heartbeatsOf(w.workerId()).size() == 2);
    Heartbeat last = fx.heartbeatsOf(w.workerId()).get(1);
    assertThat(last.stopping()).isTrue();
    assertThat(last.labels())
        .containsEntry("zone", "eu")
        .containsEntry(Heartbeat.STOPPING_LABEL, "true");
    // a scheduler that does not know the label sees every slot busy
    assertThat(last.activeJobs()).isEqualTo(last.maxParallelJobs()).isEqualTo(3);
  }

  @Test
  void heartbeatFailuresAreLoggedOnceAndTheirEndOnce() {
    Logger logger = (Logger) LoggerFactory.getLogger(CordumWorker.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO);
    AtomicBoolean down = new AtomicBoolean(true);
    AtomicInteger attempts = new AtomicInteger();
    Bus bus =
        (Bus)
            Proxy.newProxyInstance(
                Bus.class.getClassLoader(),
                new Class<?>[] {Bus.class},
                (p, m, args) -> {
                  if (m.getName().equals("publish") && Subjects.HEARTBEAT.equals(args[0])) {
                    attempts.incrementAndGet();
                    if (down.get()) {
                      throw new BackendException("nats down", null);
                    }
                  }
                  try {
                    return m.invoke(fx.bus, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    try {
      fx.start(
          fx.worker(job -> JobOutput.empty()).bus(bus).heartbeatInterval(Duration.ofMillis(5)));
      eventually().until(() -> attempts.get() > 20);
      down.set(false);
      eventually()
          .until(
              () ->
                  logs.list.stream()
                      .anyMatch(
                          e ->
                              e.getLevel() == Level.INFO
                                  && e.getFormattedMessage().contains("heartbeats")));
      List<String> warns =
          logs.list.stream()
              .filter(e -> e.getLevel() == Level.WARN)
              .map(ILoggingEvent::getFormattedMessage)
              .filter(m -> m.contains("heartbeat"))
              .toList();
      assertThat(warns).singleElement().satisfies(m -> assertThat(m).contains("nats down"));
    } finally {
      logger.detachAppender(logs);
      logger.setLevel(level);
    }
  }
}
