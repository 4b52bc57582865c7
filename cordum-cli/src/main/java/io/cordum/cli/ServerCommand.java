package io.cordum.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code cordumctl server}: runs the control plane (gateway and engines) in a child JVM from {@code
 * cordum-server.jar}, which the distribution carries next to {@code cordumctl.jar}. The CLI jar
 * itself holds no engine classes, so every other command starts fast and stays small; only this
 * command pays for the server, in a process of its own.
 */
@Command(
    name = "server",
    description = {
      "Run the Cordum control plane (cordum-server.jar) in the foreground.",
      "Every argument after 'server' goes to the server (--NATS_URL=..., --config FILE, ...;"
          + " see docs/server.md); with none it runs in memory on 127.0.0.1:8081.",
      "The jar is found by --jar, CORDUM_SERVER_JAR, or next to cordumctl.jar."
    })
final class ServerCommand extends Cmd {
  @Option(names = "--jar", paramLabel = "FILE", description = "the cordum-server.jar to run")
  @Nullable String jar;

  @Unmatched List<String> serverArgs = new ArrayList<>();

  @Override
  int run() throws IOException, InterruptedException {
    Path serverJar = locate();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opts = root().env.getOrDefault("CORDUM_SERVER_JAVA_OPTS", "").trim();
    if (!opts.isEmpty()) {
      cmd.addAll(List.of(opts.split("\\s+")));
    }
    cmd.add("-jar");
    cmd.add(serverJar.toString());
    cmd.addAll(serverArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().putAll(root().env);
    Process p = pb.start();
    // A stopped cordumctl stops the server gracefully (SIGTERM), as a supervisor would, and
    // exits with the server's code (0 after a clean stop, not the signal's 143).
    Thread hook =
        new Thread(
            () -> {
              p.destroy();
              try {
                Runtime.getRuntime().halt(p.waitFor());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "cordumctl-server-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return p.waitFor();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already: the hook stops the server
      }
    }
  }

  private Path locate() {
    String given = jar != null ? jar : root().env.get("CORDUM_SERVER_JAR");
    if (given != null && !given.isBlank()) {
      Path p = Path.of(given.trim());
      if (!Files.isRegularFile(p)) {
        throw CliException.usage("no server jar at " + p);
      }
      return p;
    }
    try {
      Path self =
          Path.of(Cordumctl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path next = self.resolveSibling("cordum-server.jar");
      if (Files.isRegularFile(self) && Files.isRegularFile(next)) {
        return next;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // not run from a jar: fall through to the message
    }
    throw new CliException(
        Exit.ERROR,
        "cordum-server.jar not found next to cordumctl.jar: use "
            + "the cordumctl distribution (it carries the server), or set CORDUM_SERVER_JAR or "
            + "--jar");
  }
}
