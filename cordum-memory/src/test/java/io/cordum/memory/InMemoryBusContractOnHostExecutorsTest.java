package io.cordum.memory;

import io.cordum.api.bus.Bus;
import io.cordum.testkit.BusContract;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;

/** The bus contract again, on executors the host owns (a fixed pool, as a host might pass). */
class InMemoryBusContractOnHostExecutorsTest extends BusContract {
  private static final ExecutorService HANDLERS = Executors.newFixedThreadPool(8);
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor();

  @Override
  protected Bus createBus() {
    return InMemoryBus.builder().executor(HANDLERS).scheduler(TIMER).build();
  }

  @AfterAll
  static void shutDownExecutors() {
    HANDLERS.shutdownNow();
    TIMER.shutdownNow();
  }
}
