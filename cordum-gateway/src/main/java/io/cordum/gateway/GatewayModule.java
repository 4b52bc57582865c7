package io.cordum.gateway;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.cordum.core.Cordum;
import io.cordum.gateway.audit.AuditSink;
import io.cordum.gateway.auth.ApiKeyAuthProvider;
import io.cordum.gateway.auth.AuthProvider;
import io.cordum.gateway.auth.KeyStoreAuthProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Guice bindings of the gateway. The host binds {@link Cordum}; {@link GatewayConfig} defaults to
 * {@link GatewayConfig#DEFAULT}, {@link AuthProvider} to the provider the config's {@link
 * GatewayConfig#authProvider()} names ({@link ApiKeyAuthProvider} over the config's keys and
 * default tenant, or {@link KeyStoreAuthProvider} over {@code Cordum.apiKeys()}), {@link
 * MeterRegistry} and {@link AuditSink} to none and {@link InstantSource} to the system clock.
 * Override any of them with {@code OptionalBinder.setBinding()}, then call {@link
 * Gateway#fromInjector}.
 */
public final class GatewayModule extends AbstractModule {

  /** The resolved bindings a gateway is built from. */
  public record Parts(
      Cordum cordum,
      GatewayConfig config,
      AuthProvider auth,
      @Nullable MeterRegistry registry,
      InstantSource clock,
      @Nullable AuditSink auditSink) {}

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), GatewayConfig.class)
        .setDefault()
        .toInstance(GatewayConfig.DEFAULT);
    OptionalBinder.newOptionalBinder(binder(), AuthProvider.class)
        .setDefault()
        .toProvider(DefaultAuth.class);
    OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class);
    OptionalBinder.newOptionalBinder(binder(), AuditSink.class);
    OptionalBinder.newOptionalBinder(binder(), InstantSource.class)
        .setDefault()
        .toInstance(InstantSource.system());
  }

  @Provides
  @Singleton
  Parts parts(
      Cordum cordum,
      GatewayConfig config,
      AuthProvider auth,
      Optional<MeterRegistry> registry,
      InstantSource clock,
      Optional<AuditSink> audit) {
    return new Parts(cordum, config, auth, registry.orElse(null), clock, audit.orElse(null));
  }

  private static final class DefaultAuth implements com.google.inject.Provider<AuthProvider> {
    private final GatewayConfig config;
    private final Cordum cordum;
    private final InstantSource clock;

    @jakarta.inject.Inject
    DefaultAuth(GatewayConfig config, Cordum cordum, InstantSource clock) {
      this.config = config;
      this.cordum = cordum;
      this.clock = clock;
    }

    @Override
    public AuthProvider get() {
      if (config.authProvider().equals(GatewayConfig.AUTH_KEY_STORE)) {
        return KeyStoreAuthProvider.builder()
            .store(cordum.apiKeys())
            .configuredKeys(config.apiKeys())
            .defaultTenant(config.defaultTenant())
            .jwt(config.jwt())
            .clock(clock)
            .build();
      }
      return new ApiKeyAuthProvider(config.apiKeys(), config.defaultTenant());
    }
  }
}
