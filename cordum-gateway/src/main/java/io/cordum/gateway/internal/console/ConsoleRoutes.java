package io.cordum.gateway.internal.console;

import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.Reply;
import io.cordum.gateway.route.RouteGroup;
import io.cordum.gateway.route.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the web console: {@code GET /console} is the page, {@code GET /console/{file}} its
 * scripts, styles and images, read from the class path ({@code io/cordum/gateway/console/}).
 *
 * <p>The files are public (no key is needed to load the page; the page asks for one and sends it
 * with every API call). Names are checked against a strict pattern before any lookup, so a request
 * can only reach files of that one folder. Every answer carries a content security policy that
 * allows scripts, styles and connections of the gateway's own origin only: nothing is loaded from
 * elsewhere, and no inline script runs.
 */
public final class ConsoleRoutes implements RouteGroup {
  /** The console's path. */
  public static final String PATH = "/console";

  static final String ROOT = "io/cordum/gateway/console/";
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(js|css|svg|png|html)");
  private static final Map<String, String> TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "html", "text/html; charset=utf-8");
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; "
          + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; "
          + "form-action 'none'; frame-ancestors 'none'";

  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  @Override
  public void register(Routes r) {
    r.get(PATH)
        .permission(Permission.PUBLIC)
        .tag("console")
        .summary(
            "The web console (sign in with an API key; it is kept for the browser tab " + "only)")
        .okText()
        .handle(c -> file("index.html"));
    r.get(PATH + "/{file}")
        .permission(Permission.PUBLIC)
        .tag("console")
        .summary("A script, style sheet or image of the web console")
        .path("file", "the file name")
        .okText()
        .errors(404)
        .handle(this::asset);
  }

  private Object asset(Call c) {
    return file(c.pathParam("file"));
  }

  private Reply file(String name) {
    if (!NAME.matcher(name).matches()) {
      throw notFound();
    }
    byte[] body =
        cache.computeIfAbsent(name, ConsoleRoutes::load).orElseThrow(ConsoleRoutes::notFound);
    String ext = name.substring(name.lastIndexOf('.') + 1);
    // NAME admits only the extensions TYPES maps.
    return Reply.bytes(200, body, Objects.requireNonNull(TYPES.get(ext)))
        .withHeader("Cache-Control", "no-cache")
        .withHeader("Content-Security-Policy", CSP)
        .withHeader("X-Frame-Options", "DENY")
        .withHeader("Referrer-Policy", "no-referrer")
        .withHeader("X-Content-Type-Options", "nosniff");
  }

  private static Optional<byte[]> load(String name) {
    try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiError notFound() {
    return ApiError.notFound("console_file_not_found", "404 page not found");
  }
}
