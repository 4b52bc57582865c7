package io.cordum.cli;

import io.cordum.client.model.ConfigDocument;
import io.cordum.client.model.ConfigScope;
import io.cordum.client.model.ConfigWrite;
import io.cordum.client.model.EffectiveConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl config ...}: the hierarchical config service. */
@Command(
    name = "config",
    description = "Read and write config documents.",
    subcommands = {
      ConfigCommands.Get.class,
      ConfigCommands.Set.class,
      ConfigCommands.Effective.class
    })
final class ConfigCommands extends Cmd.Group {

  static ConfigScope scope(String s) {
    try {
      return ConfigScope.parse(s);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          "--scope " + Objects.requireNonNull(e.getMessage()).substring("scope ".length()));
    }
  }

  @Command(name = "get", description = "A config document (its data as YAML with -o table).")
  static final class Get extends Cmd {
    @Option(
        names = "--scope",
        defaultValue = "system",
        description = "system (default), org, team, workflow or step")
    String scope;

    @Option(
        names = "--scope-id",
        paramLabel = "ID",
        description = "the id in the scope (system: default)")
    @Nullable String scopeId;

    @Override
    int run() {
      ConfigDocument d = client().config().get(scope(scope), scopeId);
      out()
          .emit(
              d,
              List.of(d.scope() + "/" + d.scopeId()),
              p -> {
                p.println(
                    "# "
                        + d.scope()
                        + "/"
                        + d.scopeId()
                        + " revision "
                        + d.revision()
                        + " updated "
                        + Table.time(d.updatedAt()));
                new Output(p, Output.Format.YAML, false).write(d.data());
              });
      return Exit.OK;
    }
  }

  @Command(
      name = "set",
      description =
          "Replace a config document (with --revision: only if it " + "is still at that revision).")
  static final class Set extends Cmd {
    @Option(names = "--scope", required = true)
    String scope;

    @Option(names = "--scope-id", paramLabel = "ID")
    @Nullable String scopeId;

    @Option(
        names = {"--file", "-f"},
        paramLabel = "FILE|-",
        description = "the data: a JSON or YAML object")
    @Nullable String file;

    @Option(names = "--data", paramLabel = "JSON", description = "the data inline")
    @Nullable String data;

    @Parameters(
        paramLabel = "KEY=VALUE",
        arity = "0..*",
        description = "top-level keys (a value is parsed as JSON when it can be)")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--revision", description = "compare-and-set on this revision")
    @Nullable Long revision;

    @Override
    int run() {
      ConfigScope s = scope(scope);
      String id = scopeId == null ? (s == ConfigScope.SYSTEM ? "default" : "") : scopeId;
      int sources = (file == null ? 0 : 1) + (data == null ? 0 : 1) + (pairs.isEmpty() ? 0 : 1);
      if (sources != 1) {
        throw CliException.usage("give the data once: --file, --data or KEY=VALUE pairs");
      }
      ConfigWrite.Builder b = ConfigWrite.builder(s, id);
      if (file != null) {
        b.data(Inputs.object("--file", Inputs.file("--file", file, root().in)));
      } else if (data != null) {
        b.data(Inputs.object("--data", data));
      } else {
        for (String kv : pairs) {
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw CliException.usage("expected KEY=VALUE, was " + kv);
          }
          String v = kv.substring(eq + 1);
          Object value;
          try {
            value = io.cordum.client.ClientJson.mapper().readValue(v, Object.class);
          } catch (RuntimeException e) {
            value = v;
          }
          b.put(kv.substring(0, eq), value);
        }
      }
      if (revision != null) {
        b.expectRevision(revision);
      }
      client().config().set(b.build());
      return Exit.OK;
    }
  }

  @Command(
      name = "effective",
      description = "The config a job at this org/team/workflow/step " + "gets.")
  static final class Effective extends Cmd {
    @Option(names = "--org")
    @Nullable String org;

    @Option(names = "--team")
    @Nullable String team;

    @Option(names = "--workflow")
    @Nullable String workflow;

    @Option(names = "--step")
    @Nullable String step;

    @Override
    int run() {
      EffectiveConfig e = client().config().effective(org, team, workflow, step);
      out()
          .emit(
              e,
              List.of(e.hash()),
              p -> {
                p.println("# version " + e.version() + " hash " + e.hash());
                new Output(p, Output.Format.YAML, false)
                    .write(e.data().isEmpty() ? Map.of() : e.data());
              });
      return Exit.OK;
    }
  }
}
