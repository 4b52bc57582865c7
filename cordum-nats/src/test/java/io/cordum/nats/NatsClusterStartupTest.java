package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cordum.testkit.servers.NatsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 12: a replica started with the nodes of a new NATS cluster failed at once with "JetStream
 * ... is not available", because the cluster had no meta leader yet. It now waits for JetStream (up
 * to {@link NatsConfig#jetStreamReadyTimeout()}).
 */
class NatsClusterStartupTest {
  private final List<NatsServer> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(NatsServer::close);
  }

  @Test
  void aConnectWaitsForTheClustersJetStreamToElectALeader() {
    int[][] ports = NatsServer.clusterPorts(3);
    nodes.add(NatsServer.startClusterNode(ports, 0)); // alone: no majority, no meta leader
    NatsConfig config =
        NatsConfig.builder()
            .url(nodes.get(0).url())
            .jetStream(true)
            .jetStreamReadyTimeout(Duration.ofSeconds(60))
            .build();

    Logger log = (Logger) LoggerFactory.getLogger(NatsBus.class);
    Level level = log.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    log.addAppender(logs);
    log.setLevel(Level.INFO);
    try {
      CompletableFuture<NatsBus> connecting =
          CompletableFuture.supplyAsync(() -> NatsBus.connect(config));
      // The other nodes start only once the connect has found JetStream not ready.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  connecting.isCompletedExceptionally()
                      || List.copyOf(logs.list).stream()
                          .anyMatch(e -> e.getFormattedMessage().contains("not ready yet")));
      assertThat(connecting).isNotDone();
      nodes.add(NatsServer.startClusterNode(ports, 1));
      nodes.add(NatsServer.startClusterNode(ports, 2));

      await().atMost(Duration.ofSeconds(60)).until(connecting::isDone);
      try (NatsBus bus = connecting.join()) {
        assertThat(bus.config().jetStream()).isTrue();
      }
    } finally {
      log.detachAppender(logs);
      log.setLevel(level);
    }
  }

  @Test
  void aConnectGivesUpAfterTheReadyTimeoutNamingJetStream() {
    int[][] ports = NatsServer.clusterPorts(3);
    nodes.add(NatsServer.startClusterNode(ports, 0));
    NatsConfig config =
        NatsConfig.builder()
            .url(nodes.get(0).url())
            .jetStream(true)
            .jetStreamReadyTimeout(Duration.ZERO)
            .build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NatsBus.connect(config))
        .isInstanceOf(io.cordum.api.BackendException.class)
        .hasMessageContaining("JetStream");
  }
}
