package io.cordum.nats;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.cordum.api.bus.Bus;

/**
 * Binds the {@link Bus} to a {@link NatsBus} for hosts assembling Cordum with Guice (or {@code
 * Cordum.builder().modules(new NatsBusModule(config))}): it overrides the in-memory default with
 * {@link OptionalBinder#setBinding()}. The bus connects when first needed and is closed with
 * Cordum.
 */
public final class NatsBusModule extends AbstractModule {
  private final NatsConfig config;

  /** A module connecting with these settings. */
  public NatsBusModule(NatsConfig config) {
    this.config = config;
  }

  /** A module connecting to a URL with the defaults (core NATS). */
  public NatsBusModule(String url) {
    this(NatsConfig.of(url));
  }

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), Bus.class)
        .setBinding()
        .toProvider((com.google.inject.Provider<Bus>) () -> NatsBus.connect(config))
        .in(Singleton.class);
  }
}
