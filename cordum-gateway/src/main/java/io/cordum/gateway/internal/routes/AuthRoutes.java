package io.cordum.gateway.internal.routes;

import io.cordum.gateway.auth.AuthProvider;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.auth.Principal;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.Route;
import io.cordum.gateway.route.RouteGroup;
import io.cordum.gateway.route.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/auth/whoami}: who the caller is and which permissions its credentials grant,
 * as the {@link AuthProvider} decides. Clients such as the web console use it to hide what the
 * caller may not do (the gateway refuses it anyway).
 */
public final class AuthRoutes implements RouteGroup {
  /** The route's path. */
  public static final String PATH = "/api/v1/auth/whoami";

  private final AuthProvider auth;
  private final Supplier<List<Route>> routes;

  /**
   * Creates the route.
   *
   * @param auth the provider asked for every permission
   * @param routes the gateway's route table, whose permissions are the ones listed
   */
  public AuthRoutes(AuthProvider auth, Supplier<List<Route>> routes) {
    this.auth = auth;
    this.routes = routes;
  }

  @Override
  public void register(Routes r) {
    r.get(PATH)
        .permission(Permission.AUTHENTICATED)
        .tag("status")
        .summary(
            "The caller: principal, tenant, role and the permissions its credentials "
                + "grant (any valid key may ask)")
        .ok("WhoAmI")
        .handle(this::whoami);
  }

  private Object whoami(Call c) {
    Principal p = c.principal();
    Set<Permission> all = new LinkedHashSet<>(Permission.builtIn());
    for (Route route : routes.get()) {
      all.add(route.permission());
    }
    List<String> granted = new ArrayList<>();
    for (Permission perm : all) {
      if (perm.isPublic() || perm.isAuthenticatedOnly()) {
        continue;
      }
      if (auth.authorize(p, perm)) {
        granted.add(perm.name());
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("principal", p.id());
    m.put("tenant", p.tenant());
    m.put("role", p.role());
    m.put("key_id", p.keyId());
    m.put("cross_tenant", p.crossTenant());
    m.put("permissions", granted);
    return m;
  }
}
