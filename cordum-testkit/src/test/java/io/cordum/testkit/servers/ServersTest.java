package io.cordum.testkit.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServersTest {

  private static String redis(int port, String command) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader r =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String line = r.readLine();
      if (line.startsWith("$") && !line.equals("$-1")) {
        return r.readLine();
      }
      return line;
    }
  }

  @Test
  void privateRedisKeepsItsDataAcrossAKillAndRestart() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      assertThat(redis.url()).startsWith("redis://127.0.0.1:");
      assertThat(redis(redis.port(), "SET k v")).isEqualTo("+OK");
      if (redis.isPrivate()) {
        redis.kill();
        redis.restart();
        assertThat(redis(redis.port(), "GET k")).isEqualTo("v");
      }
    }
  }

  @Test
  void privateNatsRunsJetStreamAndRestarts() throws Exception {
    try (NatsServer nats = NatsServer.start()) {
      assertThat(nats.url()).startsWith("nats://127.0.0.1:");
      if (nats.isPrivate()) {
        nats.stop();
        nats.restart();
      }
      try (Socket s = new Socket("127.0.0.1", nats.port())) {
        String info =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        assertThat(info).startsWith("INFO ").contains("\"jetstream\":true");
      }
    }
  }
}
