package io.cordum.cli;

import io.cordum.client.model.Workflow;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl workflow ...}. */
@Command(
    name = "workflow",
    aliases = "workflows",
    description = "Create and read workflows.",
    subcommands = {
      WorkflowCommands.Create.class,
      WorkflowCommands.ListWorkflows.class,
      WorkflowCommands.Get.class,
      WorkflowCommands.Delete.class
    })
final class WorkflowCommands extends Cmd.Group {

  @Command(
      name = "create",
      aliases = "apply",
      description = "Create or update a workflow from a JSON or YAML file; prints its id.")
  static final class Create extends Cmd {
    @Option(
        names = {"--file", "-f"},
        required = true,
        paramLabel = "FILE|-")
    String file;

    @Override
    int run() {
      String text = Inputs.file("--file", file, root().in);
      String id = client().workflows().create(Inputs.object("--file", text));
      out().emit(java.util.Map.of("id", id), List.of(id), p -> p.println(id));
      return Exit.OK;
    }
  }

  @Command(name = "list", aliases = "ls", description = "List the tenant's workflows.")
  static final class ListWorkflows extends Cmd {
    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Override
    int run() {
      List<Workflow> ws = client().workflows().list(limit);
      out()
          .emit(
              ws,
              ws.stream().map(Workflow::id).toList(),
              p -> {
                Table t = new Table("ID", "NAME", "STEPS", "REVISION", "UPDATED");
                ws.forEach(
                    w -> t.row(w.id(), w.name(), w.steps().size(), w.revision(), w.updatedAt()));
                t.print(p);
              });
      return Exit.OK;
    }
  }

  @Command(name = "get", aliases = "describe", description = "Show a workflow.")
  static final class Get extends Cmd {
    @Parameters(paramLabel = "WORKFLOW_ID")
    String id;

    @Override
    int run() {
      Workflow w = client().workflows().get(id);
      out()
          .emit(
              w,
              List.of(w.id()),
              p -> {
                Table.fields(
                    p,
                    "ID",
                    w.id(),
                    "Name",
                    w.name(),
                    "Description",
                    w.description(),
                    "Tenant",
                    w.orgId(),
                    "Revision",
                    w.revision(),
                    "Created by",
                    w.createdBy(),
                    "Updated",
                    Table.time(w.updatedAt()));
                Table t = new Table("STEP", "TYPE", "TOPIC", "DEPENDS ON");
                w.steps()
                    .forEach(
                        (sid, s) ->
                            t.row(sid, s.type(), s.topic(), String.join(",", s.dependsOn())));
                p.println();
                t.print(p);
              });
      return Exit.OK;
    }
  }

  @Command(name = "delete", aliases = "rm", description = "Delete a workflow (runs are kept).")
  static final class Delete extends Cmd {
    @Parameters(paramLabel = "WORKFLOW_ID")
    String id;

    @Override
    int run() {
      client().workflows().delete(id);
      return Exit.OK;
    }
  }
}
