package io.cordum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.client.TestGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution (after {@code package}): the launcher script, class data sharing,
 * {@code --help} without Jackson or the HTTP client, real commands against a gateway, and {@code
 * install.sh}.
 */
class LauncherIT {
  static final Path DIST = Path.of("target", "cordumctl").toAbsolutePath();
  static TestGateway gw;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    gw = TestGateway.start();
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  record Run(int code, String out, String err) {}

  static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Stream.concat(Stream.of(DIST.resolve("bin/cordumctl").toString()), Stream.of(args))
                .toList());
    pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    pb.environment().put("HOME", tmp.toString());
    pb.environment().remove("CORDUM_GATEWAY");
    pb.environment().remove("CORDUM_API_KEY");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void helpLoadsNoJsonOrHttpAndWritesTheClassDataArchive() throws Exception {
    Path classes = tmp.resolve("classes.txt");
    Run help = run(Map.of("CORDUMCTL_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "--help");
    assertThat(help.code()).as(help.err()).isZero();
    assertThat(help.out()).startsWith("Usage: cordumctl").contains("Exit codes:");
    List<String> loaded = Files.readAllLines(classes, StandardCharsets.UTF_8);
    assertThat(loaded)
        .isNotEmpty()
        .noneMatch(
            l ->
                l.contains(" tools.jackson.")
                    || l.contains(" java.net.http.")
                    || l.contains(" io.cordum.client.CordumClient "));
    try (Stream<Path> s = Files.list(tmp.resolve("cache/cordumctl"))) {
      assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".jsa"));
    }
    Run again = run(Map.of(), "--version");
    assertThat(again.code()).isZero();
    assertThat(again.out()).startsWith("cordumctl 0.1.0");
    assertThat(again.err()).isEmpty(); // the archive is mapped silently
  }

  @Test
  void commandsRunAgainstAGateway() throws Exception {
    Map<String, String> env = Map.of("CORDUM_GATEWAY", gw.url(), "CORDUM_API_KEY", TestGateway.KEY);
    Run status = run(env, "status", "-o", "json");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("\"uptime_seconds\"");
    Run job = run(env, "job", "submit", "--topic", "job.test", "--prompt", "hi", "--wait");
    assertThat(job.code()).as(job.err()).isZero();
    assertThat(job.err()).contains("SUCCEEDED");
    Run nf = run(env, "job", "get", "nope");
    assertThat(nf.code()).isEqualTo(Exit.NOT_FOUND);
    assertThat(nf.err()).startsWith("error: job not found");
  }

  @Test
  void installCopiesLinksAndWritesCompletion() throws Exception {
    Path prefix = tmp.resolve("prefix");
    ProcessBuilder pb =
        new ProcessBuilder(DIST.resolve("install.sh").toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("install.txt").toFile());
    pb.environment().put("PREFIX", prefix.toString());
    pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("install.txt"))).isZero();
    assertThat(Files.isSymbolicLink(prefix.resolve("bin/cordumctl"))).isTrue();
    assertThat(Files.readString(prefix.resolve("share/bash-completion/completions/cordumctl")))
        .contains("complete -F");
    assertThat(prefix.resolve("share/cordumctl/completion/cordumctl.zsh")).exists();
    // The installed link finds its jar through the symlink.
    Process v =
        new ProcessBuilder(prefix.resolve("bin/cordumctl").toString(), "--version")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("v.txt").toFile())
            .start();
    assertThat(v.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(tmp.resolve("v.txt"))).startsWith("cordumctl ");
  }
}
