package io.cordum.redis.internal;

import io.cordum.api.backend.Backend;
import io.cordum.api.backend.BackendContext;
import io.cordum.redis.RedisConnections;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bridge through which {@link RedisBackendProvider} opens the stores of {@code
 * io.cordum.redis.RedisStoreList}, whose factories use package-private constructors. The list
 * installs its opener here when its class is initialized; {@link #open} initializes it first. Not
 * API: this package is internal to cordum-redis.
 */
public final class RedisStoreAccess {
  /** The class that calls {@link #install} from its static initializer. */
  static final String LIST_CLASS = "io.cordum.redis.RedisStoreList";

  private static volatile @Nullable Opener opener;

  private RedisStoreAccess() {}

  /** Opens every store of the list on shared connections, as one {@link Backend}. */
  public interface Opener {
    /** The stores on {@code connections}, closed in the list's order, then the connections. */
    Backend open(RedisConnections connections, BackendContext context);
  }

  /** Called once, by {@code RedisStoreList}'s static initializer. */
  public static void install(Opener listOpener) {
    opener = Objects.requireNonNull(listOpener, "listOpener");
  }

  /** Opens the stores of the list on {@code connections}. */
  static Backend open(RedisConnections connections, BackendContext context) {
    Opener o = opener;
    if (o == null) {
      try {
        Class.forName(LIST_CLASS, true, RedisStoreAccess.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("cordum-redis is missing " + LIST_CLASS, e);
      }
      o = opener;
      if (o == null) {
        throw new IllegalStateException(LIST_CLASS + " did not install its opener");
      }
    }
    return o.open(connections, context);
  }
}
