package io.cordum.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs cordumctl in this JVM, as a shell would, and keeps what it printed. */
final class Ctl {
  final Map<String, String> env = new HashMap<>();
  String stdin = "";
  boolean tty;

  Ctl(String gateway, String key) {
    env.put("CORDUM_GATEWAY", gateway);
    env.put("CORDUM_API_KEY", key);
    env.put("HOME", System.getProperty("java.io.tmpdir"));
  }

  Ctl env(String k, String v) {
    env.put(k, v);
    return this;
  }

  /** The outcome of one command. */
  record Result(int code, String out, String err) {
    /** The output's only line (an id). */
    String line() {
      return out.strip();
    }

    @Override
    public String toString() {
      return "exit " + code + "\nstdout:\n" + out + "stderr:\n" + err;
    }
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cordumctl.run(
            args,
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            tty);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
