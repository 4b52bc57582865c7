package io.cordum.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl context ...}: named gateways in the config file. */
@Command(
    name = "context",
    aliases = "contexts",
    description =
        "Named gateways and keys, as "
            + "kubectl keeps clusters (file: $CORDUMCTL_CONFIG or ~/.config/cordum/cordumctl.yaml).",
    subcommands = {
      ContextCommands.ListContexts.class,
      ContextCommands.Current.class,
      ContextCommands.Use.class,
      ContextCommands.Set.class,
      ContextCommands.Delete.class
    })
final class ContextCommands extends Cmd.Group {

  @Command(name = "list", aliases = "ls", description = "The contexts; * marks the current one.")
  static final class ListContexts extends Cmd {
    @Override
    int run() {
      Contexts.File f = Contexts.read(root().env);
      List<String> names = List.copyOf(f.contexts().keySet());
      Map<String, Object> view = new LinkedHashMap<>();
      f.contexts()
          .forEach(
              (k, c) ->
                  view.put(
                      k, Map.of("gateway", c.gateway(), "api_key_set", !c.apiKey().isEmpty())));
      out()
          .emit(
              Map.of("current_context", f.current() == null ? "" : f.current(), "contexts", view),
              names,
              p -> {
                Table t = new Table("CURRENT", "NAME", "GATEWAY", "KEY");
                f.contexts()
                    .forEach(
                        (k, c) ->
                            t.row(
                                k.equals(f.current()) ? "*" : " ",
                                k,
                                c.gateway(),
                                c.apiKey().isEmpty() ? "none" : "set"));
                t.print(p);
              });
      return Exit.OK;
    }
  }

  @Command(name = "current", description = "The gateway commands use now, and why.")
  static final class Current extends Cmd {
    @Override
    int run() {
      Contexts.Target t = session().target();
      out()
          .emit(
              Map.of(
                  "gateway",
                  t.gateway(),
                  "source",
                  t.source(),
                  "api_key_set",
                  !t.apiKey().isEmpty()),
              List.of(t.gateway()),
              p ->
                  p.println(
                      t.gateway()
                          + " ("
                          + t.source()
                          + (t.apiKey().isEmpty() ? ", no key" : ", key set")
                          + ")"));
      return Exit.OK;
    }
  }

  @Command(name = "use", description = "Make a context the current one.")
  static final class Use extends Cmd {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    int run() {
      Contexts.File f = Contexts.read(root().env);
      if (!f.contexts().containsKey(name)) {
        throw new CliException(
            Exit.NOT_FOUND, "no context " + name + " (see 'cordumctl context " + "list')");
      }
      Contexts.write(root().env, new Contexts.File(name, f.contexts()));
      note("current context: " + name);
      return Exit.OK;
    }
  }

  @Command(
      name = "set",
      description =
          "Create or change a context from --gateway and "
              + "--api-key (the first one becomes current).")
  static final class Set extends Cmd {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--use", description = "also make it the current context")
    boolean use;

    @Override
    int run() {
      // --gateway and --api-key are the global options: here they name the context's.
      String ctxGateway = root().gateway;
      String ctxKey = root().apiKey;
      Contexts.File f = Contexts.read(root().env);
      Map<String, Contexts.Context> all = new LinkedHashMap<>(f.contexts());
      Contexts.Context old = all.get(name);
      String gw = ctxGateway != null ? ctxGateway : old != null ? old.gateway() : null;
      if (gw == null || gw.isBlank()) {
        throw CliException.usage("--gateway is required for a new context");
      }
      io.cordum.client.CordumClient.builder().gateway(gw); // checks the URL
      String key = ctxKey != null ? ctxKey : old != null ? old.apiKey() : "";
      all.put(name, new Contexts.Context(gw, key));
      String current = use || f.current() == null ? name : f.current();
      Contexts.write(root().env, new Contexts.File(current, all));
      note(
          "context "
              + name
              + " saved in "
              + Contexts.path(root().env)
              + (name.equals(current) ? " (current)" : ""));
      return Exit.OK;
    }
  }

  @Command(name = "delete", aliases = "rm", description = "Delete a context.")
  static final class Delete extends Cmd {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    int run() {
      Contexts.File f = Contexts.read(root().env);
      Map<String, Contexts.Context> all = new LinkedHashMap<>(f.contexts());
      if (all.remove(name) == null) {
        throw new CliException(Exit.NOT_FOUND, "no context " + name);
      }
      Contexts.write(
          root().env, new Contexts.File(name.equals(f.current()) ? null : f.current(), all));
      return Exit.OK;
    }
  }
}
