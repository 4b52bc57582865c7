package io.cordum.cli;

import io.cordum.client.CordumClient;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every command that does something: access to the session, client and output. */
abstract class Cmd implements Callable<Integer> {
  @Spec CommandSpec spec;

  Cordumctl root() {
    return (Cordumctl) spec.root().userObject();
  }

  Session session() {
    return root().session();
  }

  CordumClient client() {
    return session().client();
  }

  Output out() {
    return session().out;
  }

  /** A note for people, on stderr. */
  void note(String line) {
    root().err.println(line);
  }

  @Override
  public final Integer call() throws Exception {
    return run();
  }

  abstract int run() throws Exception;

  /** Base of a command group: run alone it asks for a subcommand. */
  abstract static class Group implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      spec.subcommands().values().forEach(c -> names.add(c.getCommandName()));
      throw new CommandLine.ParameterException(
          spec.commandLine(), "a subcommand is required: " + String.join(", ", names));
    }
  }
}
