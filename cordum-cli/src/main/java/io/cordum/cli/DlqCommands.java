package io.cordum.cli;

import io.cordum.client.NotFoundException;
import io.cordum.client.model.DeadLetter;
import io.cordum.client.model.JobDetail;
import io.cordum.client.model.SubmittedJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl dlq ...}. */
@Command(
    name = "dlq",
    description = "Inspect, retry and delete dead-lettered jobs.",
    subcommands = {
      DlqCommands.ListDlq.class,
      DlqCommands.Show.class,
      DlqCommands.Retry.class,
      DlqCommands.Delete.class
    })
final class DlqCommands extends Cmd.Group {

  @Command(name = "list", aliases = "ls", description = "Dead letters, newest first.")
  static final class ListDlq extends Cmd {
    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Override
    int run() {
      List<DeadLetter> ds =
          client().dlq().stream(Math.min(Math.max(limit, 1), 1000))
              .limit(limit <= 0 ? Long.MAX_VALUE : limit)
              .toList();
      out()
          .emit(
              ds,
              ds.stream().map(DeadLetter::jobId).toList(),
              p -> {
                Table t = new Table("JOB", "TOPIC", "STATUS", "REASON CODE", "ATTEMPTS", "CREATED");
                ds.forEach(
                    d ->
                        t.row(
                            d.jobId(),
                            d.topic(),
                            d.status(),
                            d.reasonCode(),
                            d.attempts(),
                            d.createdAt()));
                t.print(p);
              });
      return Exit.OK;
    }
  }

  @Command(
      name = "show",
      aliases = {"get", "describe"},
      description = "A dead letter with the job's input.")
  static final class Show extends Cmd {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Override
    int run() {
      DeadLetter d = client().dlq().get(id);
      JobDetail j = null;
      try {
        j = client().jobs().get(id);
      } catch (NotFoundException e) {
        // the job record expired before its dead letter: show the entry alone
      }
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("entry", d);
      if (j != null) {
        all.put("job", j);
      }
      JobDetail job = j;
      out()
          .emit(
              all,
              List.of(d.jobId()),
              p -> {
                Table.fields(
                    p,
                    "Job",
                    d.jobId(),
                    "Topic",
                    d.topic(),
                    "Status",
                    d.status(),
                    "Reason code",
                    d.reasonCode(),
                    "Reason",
                    d.reason(),
                    "Last state",
                    d.lastState(),
                    "Attempts",
                    d.attempts(),
                    "Created",
                    Table.time(d.createdAt()));
                if (job != null && job.context() != null) {
                  p.println("Input:");
                  Output.json(job.context()).lines().forEach(l -> p.println("  " + l));
                }
              });
      return Exit.OK;
    }
  }

  @Command(
      name = "retry",
      description =
          "Run a dead-lettered job again as a new job, with its "
              + "input as it was, replaced (--input) or edited in $EDITOR (--edit).")
  static final class Retry extends Cmd {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Option(
        names = "--input",
        paramLabel = "JSON|FILE|-",
        description = "the new input: JSON inline, a file, @file, or - for stdin")
    @Nullable String input;

    @Option(names = "--edit", description = "edit the current input in $VISUAL/$EDITOR first")
    boolean edit;

    @Mixin JobCommands.WaitOptions w = new JobCommands.WaitOptions();

    @Override
    int run() throws IOException, InterruptedException {
      if (input != null && edit) {
        throw CliException.usage("give --input or --edit, not both");
      }
      SubmittedJob s;
      if (input != null) {
        s = client().dlq().retryWithInput(id, value(Inputs.text("--input", input, root().in)));
      } else if (edit) {
        client().dlq().get(id); // fail before the editor when there is nothing to retry
        Object current = client().jobs().get(id).context();
        String before =
            current == null ? "" : current instanceof String t ? t : Output.json(current);
        String after = editor(before);
        if (after.equals(before)) {
          note("input unchanged: retrying with the original input");
          s = client().dlq().retry(id);
        } else {
          s = client().dlq().retryWithInput(id, value(after));
        }
      } else {
        s = client().dlq().retry(id);
      }
      if (w.wait) {
        if (!out().structured()) {
          root().out.println(s.jobId());
        }
        return JobCommands.follow(this, s.jobId(), w.timeout);
      }
      out().emit(s, List.of(s.jobId()), p -> p.println(s.jobId()));
      return Exit.OK;
    }

    /** JSON text as its value (a JSON string is its text); anything else as text. */
    private static @Nullable Object value(String text) {
      try {
        return io.cordum.client.ClientJson.mapper().readValue(text, Object.class);
      } catch (RuntimeException e) {
        return text;
      }
    }

    private String editor(String initial) throws IOException, InterruptedException {
      String editor = root().env.getOrDefault("VISUAL", "");
      if (editor.isBlank()) {
        editor = root().env.getOrDefault("EDITOR", "vi");
      }
      Path f = Files.createTempFile("cordumctl-input-", ".json");
      try {
        Files.writeString(f, initial);
        ProcessBuilder pb =
            new ProcessBuilder("sh", "-c", editor + " \"$1\"", "editor", f.toString()).inheritIO();
        int rc = pb.start().waitFor();
        if (rc != 0) {
          throw new CliException(
              Exit.ERROR, "the editor (" + editor + ") exited with " + rc + ": nothing retried");
        }
        return Files.readString(f, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(f);
      }
    }
  }

  @Command(name = "delete", aliases = "rm", description = "Delete dead letters.")
  static final class Delete extends Cmd {
    @Parameters(paramLabel = "JOB_ID", arity = "1..*")
    List<String> ids;

    @Override
    int run() {
      ids.forEach(i -> client().dlq().delete(i));
      return Exit.OK;
    }
  }
}
