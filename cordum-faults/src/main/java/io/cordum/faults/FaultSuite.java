package io.cordum.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs a set of fault scenarios and prints the results table (Markdown). One command:
 *
 * <pre>
 * ./mvnw -B -q -pl cordum-faults -am -DskipTests package exec:java -Dexec.args=full
 * </pre>
 *
 * Sets: {@code short} (what CI runs), {@code full} (every fault in JetStream and core mode on
 * single servers), {@code cluster} (every fault on a three-node NATS cluster and a six-node Redis
 * Cluster), {@code all}, or one scenario such as {@code WORKER:js} or {@code REDIS:core:cluster}.
 * An optional second argument is the number of jobs per run (default 600). The table also goes to
 * {@code cordum-faults/target/fault-suite.md}; each run's process logs, executions and submissions
 * stay under {@code cordum-faults/target/fault-suite/}. Exits 1 if any run lost or left a job.
 *
 * <p>{@code soak [minutes] [jobs/s] [js|core] [fault interval s]} (defaults 60, 20, js, one fault
 * every 90 s, fewer minutes give a shorter interval) is the soak run instead ({@link Soak}): steady
 * load with a worker, the control plane, Redis and NATS killed in turn, and a report of every job's
 * end, each fault's recovery time and the memory trends, also in {@code
 * cordum-faults/target/soak.md}. Exits 1 if a job was lost or is stuck.
 */
public final class FaultSuite {
  /** How long a run waits, after the client is done, for every job to be terminal. */
  static final Duration SETTLE = Duration.ofSeconds(150);

  private FaultSuite() {}

  /** The scenarios of a set. */
  public static List<Scenario> set(String name, int jobs) {
    List<Scenario> out = new ArrayList<>();
    switch (name) {
      case "short" -> {
        out.add(Scenario.of(Fault.WORKER, true, false, jobs));
        out.add(Scenario.of(Fault.CONTROL_PLANE, false, false, jobs));
        out.add(Scenario.of(Fault.REDIS, true, false, jobs));
      }
      case "full", "cluster" -> {
        boolean clustered = name.equals("cluster");
        for (boolean js : new boolean[] {true, false}) {
          for (Fault f : Fault.values()) {
            out.add(Scenario.of(f, js, clustered, jobs));
          }
        }
      }
      case "all" -> {
        out.addAll(set("full", jobs));
        out.addAll(set("cluster", jobs));
      }
      default -> {
        // One scenario: FAULT:js|core[:cluster], such as WORKER:js or REDIS:core:cluster.
        String[] p = name.split(":");
        if (p.length < 2) {
          throw new IllegalArgumentException(
              "unknown set \""
                  + name
                  + "\": short, full,"
                  + " cluster, all, or FAULT:js|core[:cluster] with FAULT one of "
                  + java.util.Arrays.toString(Fault.values()));
        }
        out.add(
            Scenario.of(
                Fault.valueOf(p[0].toUpperCase(Locale.ROOT)),
                p[1].equals("js"),
                p.length > 2 && p[2].equals("cluster"),
                jobs));
      }
    }
    return out;
  }

  /** Runs the scenarios one after the other, reporting each outcome as it comes. */
  public static List<Outcome> run(List<Scenario> scenarios, Path root, Consumer<Outcome> each) {
    List<Outcome> out = new ArrayList<>();
    int n = 0;
    for (Scenario sc : scenarios) {
      String slug =
          String.format(
              Locale.ROOT,
              "%02d-%s",
              ++n,
              sc.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
      Outcome o = new FaultRun(sc, root.resolve(slug), SETTLE).run();
      each.accept(o);
      out.add(o);
    }
    return out;
  }

  /** The results as a Markdown table. */
  public static String table(List<Outcome> outcomes) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| Fault (kill -9) | Jobs | Succeeded | Other end | Stuck | Lost | Keys run"
            + " twice | Executions | Duplicates | Longest stall | Settled after kill |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Outcome o : outcomes) {
      b.append("| ")
          .append(o.scenario().name())
          .append(" | ")
          .append(o.submitted())
          .append(" | ")
          .append(o.succeeded())
          .append(" | ")
          .append(o.otherTerminal().isEmpty() ? "0" : o.otherTerminal().toString())
          .append(" | ")
          .append(o.stuck())
          .append(" | ")
          .append(o.lost())
          .append(" | ")
          .append(o.keysWithTwoJobs())
          .append(" | ")
          .append(o.executions())
          .append(" | ")
          .append(o.duplicates())
          .append(" | ")
          .append(seconds(o.stall()))
          .append(" | ")
          .append(seconds(o.settled()))
          .append(" |\n");
    }
    return b.toString();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /**
   * Runs a set, {@code [short|full|cluster|all|FAULT:js|core[:cluster]] [jobs]}, or the soak,
   * {@code soak [minutes] [jobs/s] [js|core] [fault interval s]}.
   */
  public static void main(String[] args) {
    String set = args.length > 0 ? args[0] : "full";
    // exec:java runs in Maven's directory: write under this module's target either way.
    Path target =
        (Files.isDirectory(Path.of("cordum-faults"))
                ? Path.of("cordum-faults", "target")
                : Path.of("target"))
            .toAbsolutePath();
    String stamp =
        LocalDateTime.now(ZoneId.systemDefault())
            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    if (set.equals("soak")) {
      soak(List.of(args).subList(1, args.length), target, stamp);
      return;
    }
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    Path root = target.resolve("fault-suite").resolve(stamp);
    List<Outcome> outcomes = new ArrayList<>();
    int errors = 0;
    int n = 0;
    for (Scenario sc : set(set, jobs)) {
      // One scenario whose servers or JVMs could not start does not end the whole set.
      String slug = String.format(Locale.ROOT, "%02d", ++n);
      try {
        Outcome o = run(List.of(sc), root.resolve(slug), x -> {}).get(0);
        System.out.println((o.ok() ? "ok    " : "FAILED") + " " + sc.name() + ": " + o);
        outcomes.add(o);
      } catch (RuntimeException e) {
        errors++;
        System.out.println("ERROR  " + sc.name() + ": " + e);
      }
    }
    String table = table(outcomes);
    System.out.println();
    System.out.println(table);
    try {
      Files.writeString(target.resolve("fault-suite.md"), table, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.exit(errors == 0 && outcomes.stream().allMatch(Outcome::ok) ? 0 : 1);
  }

  private static void soak(List<String> args, Path target, String stamp) {
    Soak.Settings st = Soak.Settings.parse(args);
    Path dir = target.resolve("soak").resolve(stamp);
    System.out.println("soak: " + st.describe() + "; logs under " + dir);
    Soak.Result r = new Soak(st, dir).run();
    String md = Soak.markdown(r);
    System.out.println();
    System.out.println(md);
    try {
      Files.writeString(target.resolve("soak.md"), md, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("soak.md"), md, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.exit(r.report().ok() ? 0 : 1);
  }
}
