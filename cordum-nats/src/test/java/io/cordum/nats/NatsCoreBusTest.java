package io.cordum.nats;

import io.cordum.api.bus.Bus;
import io.cordum.testkit.BusContract;
import io.cordum.testkit.servers.NatsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bus contract on core NATS (a private nats-server). */
class NatsCoreBusTest extends BusContract {
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
    return NatsBus.connect(NatsConfig.of(server.url()));
  }
}
