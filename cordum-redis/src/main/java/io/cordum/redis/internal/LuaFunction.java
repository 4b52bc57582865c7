package io.cordum.redis.internal;

import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * One function of a {@link LuaLibrary}, run with {@code FCALL} (the library is loaded when the
 * server does not have it).
 */
public final class LuaFunction {
  private final LuaLibrary library;
  private final String name;

  /** The function {@code name} of {@code library}. */
  public LuaFunction(LuaLibrary library, String name) {
    this.library = library;
    this.name = name;
  }

  /** The function's name in its library (without the library's digest). */
  public String name() {
    return name;
  }

  /** The function's name on the server. */
  public String serverName() {
    return library.functionName(name);
  }

  /** Runs the function with string keys and arguments (UTF-8); a BackendException on failure. */
  public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    return library.call(redis, name, keys, args);
  }
}
