package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.testkit.servers.NatsServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 defect 6: two processes (replicas, or workers of one pool) that start at the same moment
 * both create the queue group's durable consumer; the one that loses must bind to the consumer the
 * other created instead of failing with "consumer name already in use".
 */
class NatsDurableRaceTest {
  private static final int ROUNDS = 12;

  private NatsServer server;
  private final List<NatsBus> buses = new ArrayList<>();

  @BeforeEach
  void start() {
    server = NatsServer.start();
  }

  @AfterEach
  void stop() {
    buses.forEach(NatsBus::close);
    server.close();
  }

  private NatsBus connect() {
    NatsBus b = NatsBus.connect(NatsConfig.builder().url(server.url()).jetStream(true).build());
    buses.add(b);
    return b;
  }

  @Test
  void simultaneousSubscribersOfOneQueueGroupBothBind() throws Exception {
    NatsBus a = connect();
    NatsBus b = connect();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String subject = "job.race" + round;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Subscription>> subs = new ArrayList<>();
        for (NatsBus bus : List.of(a, b)) {
          subs.add(
              pool.submit(
                  () -> {
                    ready.countDown();
                    go.await();
                    return bus.subscribe(
                        subject,
                        "pool",
                        m -> {
                          deliveries.incrementAndGet();
                          seen.add(((JobRequest) m.packet().payload()).jobId());
                        });
                  }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        for (Future<Subscription> f : subs) {
          assertThat(f.get(30, TimeUnit.SECONDS).isActive()).isTrue(); // no exception
        }
        for (int i = 0; i < 10; i++) {
          a.publish(
              subject,
              BusPacket.of(
                  "t",
                  "test",
                  Instant.EPOCH,
                  JobRequest.builder().jobId("j" + round + "-" + i).topic(subject).build()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 10);
        assertThat(deliveries.get()).as("one consumer shared by the group").isEqualTo(10);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
