package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cordum.api.BackendException;
import io.cordum.api.job.JobStore;
import io.cordum.core.Cordum;
import io.cordum.memory.InMemoryJobStore;
import io.cordum.testkit.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A store outage is logged once, then at a bounded rate, and its end is logged. */
class OutageLoggingTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(Scheduler.class);

  private Level before;

  @BeforeEach
  void capture() {
    logs.start();
    logger.addAppender(logs);
    before = logger.getLevel();
    logger.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
    logger.setLevel(before);
  }

  private List<String> lines(Level level) {
    return logs.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("timer loop"))
        .toList();
  }

  @Test
  void aStoreOutageIsLoggedOnceThenAtABoundedRateAndItsEndIsLogged() {
    ManualClock clock = new ManualClock();
    InMemoryJobStore real = new InMemoryJobStore(clock);
    AtomicBoolean down = new AtomicBoolean(true);
    AtomicInteger ticks = new AtomicInteger();
    JobStore store =
        (JobStore)
            Proxy.newProxyInstance(
                JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class},
                (p, m, args) -> {
                  if (m.getName().equals("dueTimers")) {
                    ticks.incrementAndGet();
                    if (down.get()) {
                      throw new BackendException("redis down", null);
                    }
                  }
                  try {
                    return m.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    try (Cordum cordum =
        Cordum.builder()
            .clock(clock)
            .jobStore(store)
            .scheduler(s -> s.tickInterval(Duration.ofMillis(5)))
            .build()
            .start()) {
      await().until(() -> ticks.get() > 40);
      assertThat(lines(Level.WARN))
          .singleElement()
          .satisfies(m -> assertThat(m).contains("is failing").contains("redis down"));

      clock.advance(Duration.ofSeconds(61));
      int seen = ticks.get();
      await().until(() -> ticks.get() > seen + 20);
      assertThat(lines(Level.WARN)).hasSize(2);
      assertThat(lines(Level.WARN).get(1)).contains("still failing after 61s");

      down.set(false);
      await().until(() -> !lines(Level.INFO).isEmpty());
      assertThat(lines(Level.INFO))
          .singleElement()
          .satisfies(m -> assertThat(m).contains("works again"));
      assertThat(lines(Level.WARN)).hasSize(2);
    }
  }
}
