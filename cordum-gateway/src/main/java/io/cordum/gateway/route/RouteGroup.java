package io.cordum.gateway.route;

/**
 * A set of routes added to the gateway by a host or an extension (such as a console or key
 * management), declared the same way as the built-in ones.
 */
@FunctionalInterface
public interface RouteGroup {
  /** Declares the group's routes. */
  void register(Routes routes);
}
