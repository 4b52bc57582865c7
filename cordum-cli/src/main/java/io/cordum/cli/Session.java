package io.cordum.cli;

import io.cordum.client.CordumClient;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What one invocation needs beyond parsing: the gateway and key it resolved (flags, context,
 * environment, config file, default), the client, and the output format.
 */
final class Session implements AutoCloseable {
  final Cordumctl root;
  final Output out;
  private @Nullable CordumClient client;

  Session(Cordumctl root) {
    this.root = root;
    String f = root.output.toLowerCase(Locale.ROOT);
    Output.Format format =
        switch (f) {
          case "table", "wide" -> Output.Format.TABLE;
          case "json" -> Output.Format.JSON;
          case "yaml", "yml" -> Output.Format.YAML;
          default ->
              throw CliException.usage("--output must be table, json or yaml, was " + root.output);
        };
    this.out = new Output(root.out, format, root.quiet);
  }

  /** The gateway and key to use. */
  Contexts.Target target() {
    return Contexts.resolve(root.gateway, root.apiKey, root.context, root.env);
  }

  CordumClient client() {
    if (client == null) {
      Contexts.Target t = target();
      CordumClient.Builder b = CordumClient.builder().gateway(t.gateway()).apiKey(t.apiKey());
      if (root.requestTimeout != null) {
        b.requestTimeout(Inputs.duration("--request-timeout", root.requestTimeout));
      }
      client = b.build();
    }
    return client;
  }

  PrintStreamLog log() {
    return new PrintStreamLog(root.err);
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }

  /** Progress and notes, on stderr so that stdout keeps only results. */
  record PrintStreamLog(java.io.PrintStream err) {
    void info(String line) {
      err.println(line);
    }
  }

  static Duration orDefault(@Nullable Duration d, Duration dflt) {
    return d == null ? dflt : d;
  }
}
