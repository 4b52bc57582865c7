package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.bus.Bus;
import io.cordum.testkit.BusContract;
import io.cordum.testkit.servers.NatsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bus contract in JetStream mode: the suite's job.* subjects go through the streams. */
class NatsJetStreamBusTest extends BusContract {
  private static NatsServer server;

  @BeforeAll
  static void startServer() {
    server = NatsServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected Bus createBus() {
    return NatsBus.connect(NatsConfig.builder().url(server.url()).jetStream(true).build());
  }

  @Test
  void jetStreamIsReallyOn() {
    assertThat(((NatsBus) bus()).isJetStream()).isTrue();
  }
}
