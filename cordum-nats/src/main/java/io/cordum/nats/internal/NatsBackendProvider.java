package io.cordum.nats.internal;

import io.cordum.api.backend.Backend;
import io.cordum.api.backend.BackendContext;
import io.cordum.api.backend.BackendProvider;
import io.cordum.api.backend.PreparedBackend;
import io.cordum.api.bus.Bus;
import io.cordum.api.config.Settings;
import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsConfig;
import java.util.Optional;

/**
 * Offers the bus on NATS (core, or JetStream with {@code NATS_USE_JETSTREAM}) to {@code
 * Cordum.builder().fromEnvironment()} when {@code NATS_URL} is set (listed in {@code
 * META-INF/services}).
 */
public final class NatsBackendProvider implements BackendProvider {

  @Override
  public String name() {
    return "nats";
  }

  @Override
  public String artifact() {
    return "io.cordum:cordum-nats";
  }

  @Override
  public String selector() {
    return "NATS_URL";
  }

  @Override
  public boolean owns(String settingName) {
    return settingName.startsWith("NATS_");
  }

  @Override
  public Optional<PreparedBackend> prepare(Settings.Reader settings) {
    return NatsConfig.read(settings).map(Prepared::new);
  }

  private record Prepared(NatsConfig config) implements PreparedBackend {
    @Override
    public String description() {
      return "NATS at "
          + config.url().replaceAll("(?<=://)[^@/,]*@", "***@")
          + (config.jetStream() ? " (JetStream)" : " (core)");
    }

    @Override
    public Backend open(BackendContext context) {
      return Backend.builder("nats").add(Bus.class, NatsBus.connect(config)).build();
    }
  }
}
