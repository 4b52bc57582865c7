package io.cordum.cli;

import io.cordum.client.model.Artifact;
import io.cordum.client.model.ArtifactRef;
import io.cordum.client.model.ArtifactUpload;
import io.cordum.client.model.MemoryEntry;
import io.cordum.client.model.Retention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cordumctl artifact ...} and {@code cordumctl memory}. */
@Command(
    name = "artifact",
    aliases = "artifacts",
    description = "Store and fetch artifacts; " + "read a job's input or result by pointer.",
    subcommands = {
      ArtifactCommands.Put.class,
      ArtifactCommands.Get.class,
      ArtifactCommands.Memory.class
    })
final class ArtifactCommands extends Cmd.Group {

  @Command(name = "put", description = "Store a file as an artifact; prints its pointer.")
  static final class Put extends Cmd {
    @Parameters(paramLabel = "FILE|-")
    String file;

    @Option(names = "--content-type")
    @Nullable String contentType;

    @Option(
        names = "--retention",
        defaultValue = "standard",
        description = "short, standard (default) or audit")
    Retention retention;

    @Option(
        names = {"--labels", "--label"},
        paramLabel = "k=v")
    List<String> labels = new ArrayList<>();

    @Option(names = "--max-bytes", description = "refuse content larger than this")
    long maxBytes;

    @Override
    int run() throws IOException {
      byte[] bytes =
          file.equals("-") ? root().in.readAllBytes() : Files.readAllBytes(Path.of(file));
      ArtifactUpload.Builder b = ArtifactUpload.of(bytes).retention(retention).maxBytes(maxBytes);
      String type = contentType;
      if (type == null && !file.equals("-")) {
        type = Files.probeContentType(Path.of(file));
      }
      if (type != null) {
        b.contentType(type);
      }
      Inputs.labels("--labels", labels, root().in).forEach(b::label);
      ArtifactRef r = client().artifacts().put(b.build());
      out().emit(r, List.of(r.artifactPtr()), p -> p.println(r.artifactPtr()));
      return Exit.OK;
    }
  }

  @Command(name = "get", description = "Fetch an artifact's content (to stdout, or --out FILE).")
  static final class Get extends Cmd {
    @Parameters(paramLabel = "POINTER")
    String pointer;

    @Option(
        names = {"--out", "-O"},
        paramLabel = "FILE",
        description = "write it to a file")
    @Nullable String outFile;

    @Override
    int run() {
      Artifact a = client().artifacts().get(pointer);
      if (out().structured()) {
        out().write(a);
      } else if (out().quiet) {
        root().out.println(a.artifactPtr());
      } else {
        Inputs.writeFile(outFile == null ? "-" : outFile, a.content(), root().out);
      }
      return Exit.OK;
    }
  }

  @Command(
      name = "memory",
      description =
          "A job's input or result by its pointer " + "(redis://ctx:<job> or redis://res:<job>).")
  static final class Memory extends Cmd {
    @Parameters(paramLabel = "POINTER")
    String pointer;

    @Override
    int run() {
      MemoryEntry e = client().artifacts().memory(pointer);
      out()
          .emit(
              e,
              List.of(e.pointer()),
              p -> {
                if (e.json() != null) {
                  p.println(Output.json(e.json()));
                } else if (!e.text().isEmpty()) {
                  p.println(e.text());
                } else {
                  Inputs.writeFile("-", e.content(), p);
                }
              });
      return Exit.OK;
    }
  }
}
