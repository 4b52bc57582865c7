package io.cordum.cli;

import io.cordum.client.model.SchemaEntry;
import io.cordum.client.model.SchemaValidation;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl schema ...}: the JSON-schema registry. */
@Command(
    name = "schema",
    aliases = "schemas",
    description = "Register, read and use JSON " + "schemas.",
    subcommands = {
      SchemaCommands.Register.class,
      SchemaCommands.ListSchemas.class,
      SchemaCommands.Get.class,
      SchemaCommands.Delete.class,
      SchemaCommands.Validate.class
    })
final class SchemaCommands extends Cmd.Group {

  @Command(name = "register", description = "Register (or replace) a schema from a file.")
  static final class Register extends Cmd {
    @Parameters(paramLabel = "SCHEMA_ID")
    String id;

    @Option(
        names = {"--file", "-f"},
        required = true,
        paramLabel = "FILE|-")
    String file;

    @Override
    int run() {
      client()
          .schemas()
          .register(id, Inputs.jsonValue("--file", Inputs.file("--file", file, root().in)));
      return Exit.OK;
    }
  }

  @Command(name = "list", aliases = "ls", description = "Schema ids, newest first.")
  static final class ListSchemas extends Cmd {
    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Override
    int run() {
      List<String> ids = client().schemas().list(limit);
      out().emit(ids, ids, p -> ids.forEach(p::println));
      return Exit.OK;
    }
  }

  @Command(name = "get", description = "A schema (the schema document with -o table).")
  static final class Get extends Cmd {
    @Parameters(paramLabel = "SCHEMA_ID")
    String id;

    @Override
    int run() {
      SchemaEntry e = client().schemas().get(id);
      out().emit(e, List.of(e.id()), p -> p.println(Output.json(e.schema())));
      return Exit.OK;
    }
  }

  @Command(name = "delete", aliases = "rm", description = "Delete a schema.")
  static final class Delete extends Cmd {
    @Parameters(paramLabel = "SCHEMA_ID")
    String id;

    @Override
    int run() {
      client().schemas().delete(id);
      return Exit.OK;
    }
  }

  @Command(
      name = "validate",
      description =
          "Validate a JSON or YAML document against a schema "
              + "(exit 1 when it does not pass; every violation is listed).")
  static final class Validate extends Cmd {
    @Parameters(paramLabel = "SCHEMA_ID")
    String id;

    @Option(
        names = {"--file", "-f"},
        required = true,
        paramLabel = "FILE|-")
    String file;

    @Override
    int run() {
      SchemaValidation v =
          client()
              .schemas()
              .validate(id, Inputs.jsonValue("--file", Inputs.file("--file", file, root().in)));
      out()
          .emit(
              v,
              v.valid() ? List.of() : v.errors().stream().map(e -> e.path()).toList(),
              p -> {
                if (v.valid()) {
                  p.println("valid");
                } else {
                  Table t = new Table("PATH", "KEYWORD", "MESSAGE");
                  v.errors().forEach(e -> t.row(e.path(), e.keyword(), e.message()));
                  t.print(p);
                }
              });
      return v.valid() ? Exit.OK : Exit.ERROR;
    }
  }
}
