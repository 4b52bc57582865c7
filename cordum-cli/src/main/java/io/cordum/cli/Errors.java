package io.cordum.cli;

import io.cordum.client.AuthException;
import io.cordum.client.CordumClientException;
import io.cordum.client.NotFoundException;
import io.cordum.client.ServerException;
import io.cordum.client.TransportException;
import java.util.Objects;
import tools.jackson.core.JacksonException;

/** Turns a failure into one readable line and an exit code. */
final class Errors {
  private Errors() {}

  static String line(Throwable e) {
    if (e instanceof CliException c) {
      return Objects.toString(c.getMessage(), "");
    }
    if (e instanceof TransportException t) {
      String m = t.detail();
      return t.timedOut() || !m.startsWith("can not connect")
          ? m
          : m + " (is the gateway running? set --gateway or CORDUM_GATEWAY)";
    }
    if (e instanceof CordumClientException c) {
      StringBuilder b =
          new StringBuilder(
              c.detail().isBlank() ? "request failed" : c.detail().lines().findFirst().orElse(""));
      b.append(" (").append(c.status());
      if (!c.errorCode().isEmpty()) {
        b.append(' ').append(c.errorCode());
      }
      if (!c.requestId().isEmpty()) {
        b.append(", request id ").append(c.requestId());
      }
      b.append(')');
      if (c instanceof AuthException a && a.unauthenticated()) {
        b.append(": set --api-key or CORDUM_API_KEY");
      }
      return b.toString();
    }
    if (e instanceof JacksonException j) {
      return "invalid JSON or YAML: " + j.getOriginalMessage();
    }
    if (e instanceof java.io.UncheckedIOException u) {
      return Objects.toString(Objects.requireNonNull(u.getCause()).getMessage(), "I/O error");
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.toString() : m;
  }

  static int exitCode(Throwable e) {
    if (e instanceof CliException c) {
      return c.code();
    }
    if (e instanceof NotFoundException) {
      return Exit.NOT_FOUND;
    }
    if (e instanceof AuthException) {
      return Exit.AUTH;
    }
    if (e instanceof ServerException || e instanceof TransportException) {
      return Exit.SERVER;
    }
    if (e instanceof IllegalArgumentException || e instanceof JacksonException) {
      return Exit.USAGE;
    }
    return Exit.ERROR;
  }
}
