package io.cordum.cli;

import io.cordum.client.model.GatewayStatus;
import io.cordum.client.model.WorkerInfo;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code cordumctl status} and {@code cordumctl workers}. */
final class StatusCommands {
  private StatusCommands() {}

  @Command(
      name = "status",
      description = "The gateway's status: build, uptime, backends, " + "workers.")
  static final class Status extends Cmd {
    @Override
    int run() {
      GatewayStatus s = client().status();
      Contexts.Target t = session().target();
      out()
          .emit(
              s,
              List.of(t.gateway()),
              p -> {
                Table.fields(
                    p,
                    "Gateway",
                    t.gateway() + " (" + t.source() + ")",
                    "Version",
                    s.build().version()
                        + (s.build().commit().isEmpty() ? "" : " (" + s.build().commit() + ")"),
                    "Uptime",
                    s.uptimeSeconds() + "s",
                    "Workers",
                    s.workers().count(),
                    "Healthy",
                    s.healthy() ? "yes" : "no");
                p.println();
                Table tb = new Table("BACKEND", "OK", "STATUS", "TARGET", "ERROR");
                s.backends()
                    .forEach(b -> tb.row(b.backend(), b.ok(), b.status(), b.target(), b.error()));
                tb.print(p);
              });
      return Exit.OK;
    }
  }

  @Command(name = "workers", aliases = "worker", description = "The live workers.")
  static final class Workers extends Cmd {
    @Override
    int run() {
      List<WorkerInfo> ws = client().workers();
      out()
          .emit(
              ws,
              ws.stream().map(WorkerInfo::workerId).toList(),
              p -> {
                Table t = new Table("WORKER", "POOL", "ACTIVE", "MAX", "CAPABILITIES", "LAST SEEN");
                ws.forEach(
                    w ->
                        t.row(
                            w.workerId(),
                            w.pool(),
                            w.activeJobs(),
                            w.maxParallelJobs(),
                            String.join(",", w.capabilities()),
                            w.lastSeen()));
                t.print(p);
              });
      return Exit.OK;
    }
  }
}
