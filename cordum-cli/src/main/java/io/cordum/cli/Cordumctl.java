package io.cordum.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root command: global options (inherited by every command, so they may come anywhere on the
 * line), the connection, and the way errors become one line and an exit code.
 */
@Command(
    name = "cordumctl",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = Cordumctl.Version.class,
    sortOptions = false,
    description = "Drive a Cordum control plane through its gateway.",
    footer = {
      "",
      "Exit codes:",
      "  0 ok            3 not found                 6 the job or run failed (--wait)",
      "  1 refused/error 4 auth (401/403)            7 --wait timed out",
      "  2 usage         5 server error/unreachable",
      "",
      "Gateway: --gateway, --context, CORDUM_GATEWAY, the current context",
      "(cordumctl context), else http://localhost:8081.",
      "Key: --api-key, CORDUM_API_KEY, or the context's.",
      "Run 'cordumctl COMMAND --help' for a command's options."
    })
public final class Cordumctl {
  /**
   * The commands, in the order help lists them. Only the one a command line names is built from its
   * annotations (picocli's reflection over every command class is most of a JVM's start-up for
   * {@code --help}); the others are a name and a description.
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          StatusCommands.Status.class,
          StatusCommands.Workers.class,
          JobCommands.class,
          WorkflowCommands.class,
          RunCommands.class,
          ApprovalCommands.class,
          DlqCommands.class,
          PolicyCommands.class,
          ConfigCommands.class,
          SchemaCommands.class,
          LockCommands.class,
          ArtifactCommands.class,
          StreamCommand.class,
          AuthCommands.class,
          ContextCommands.class,
          ServerCommand.class,
          CompletionCommand.class);

  /** Global options that take a value (to find the command name in a command line). */
  private static final Set<String> VALUED =
      Set.of("--gateway", "--api-key", "--context", "-o", "--output", "--request-timeout");

  @Option(
      names = "--gateway",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "the gateway's address (env CORDUM_GATEWAY)")
  @Nullable String gateway;

  @Option(
      names = "--api-key",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY",
      description = "the API key (env CORDUM_API_KEY)")
  @Nullable String apiKey;

  @Option(
      names = "--context",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "a named context of the config file")
  @Nullable String context;

  @Option(
      names = {"-o", "--output"},
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      description = "table (default), json or yaml")
  String output = "table";

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "print only ids")
  boolean quiet;

  @Option(
      names = "--request-timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      description = "how long one request may take (default 15s)")
  @Nullable String requestTimeout;

  final Map<String, String> env;
  final InputStream in;
  final PrintStream out;
  final PrintStream err;
  final boolean tty;
  private @Nullable Session session;

  Cordumctl(
      Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean tty) {
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
    this.tty = tty;
  }

  /** The connection and output of this invocation, made on first use. */
  Session session() {
    if (session == null) {
      session = new Session(this);
    }
    return session;
  }

  /** The command a command line names (its first word after the global options), or null. */
  static @Nullable String target(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return null;
      }
      if (a.startsWith("-")) {
        if (VALUED.contains(a)) {
          i++;
        }
        continue;
      }
      return a.equals("help") && i + 1 < args.length ? args[i + 1] : a;
    }
    return null;
  }

  /**
   * Builds the command line with every command complete ({@code target} null and {@code all}, as
   * completion scripts need), or with only the named one complete.
   */
  static CommandLine commandLine(Cordumctl root, @Nullable String target, boolean all) {
    CommandLine cl = new CommandLine(root);
    for (Class<?> c : COMMANDS) {
      Command a = c.getAnnotation(Command.class);
      boolean named =
          target != null && (a.name().equals(target) || List.of(a.aliases()).contains(target));
      if (all || named) {
        cl.addSubcommand(a.name(), new CommandLine(c), a.aliases());
      } else {
        CommandSpec spec = CommandSpec.create().name(a.name()).aliases(a.aliases());
        spec.usageMessage().description(a.description());
        cl.addSubcommand(a.name(), new CommandLine(spec), a.aliases());
      }
    }
    cl.addSubcommand("help", new CommandLine(CommandLine.HelpCommand.class));
    cl.setOut(new PrintWriter(root.out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(root.err, true, StandardCharsets.UTF_8));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (e, args) -> {
          String cmd = e.getCommandLine().getCommandSpec().qualifiedName();
          root.err.println("error: " + e.getMessage() + " (see '" + cmd + " --help')");
          return Exit.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          root.err.println("error: " + Errors.line(e));
          return Errors.exitCode(e);
        });
    return cl;
  }

  /** Runs one command line; returns the exit code. */
  static int run(
      String[] args,
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err,
      boolean tty) {
    Cordumctl root = new Cordumctl(env, in, out, err, tty);
    try {
      return commandLine(root, target(args), false).execute(args);
    } finally {
      if (root.session != null) {
        root.session.close();
      }
      out.flush();
      err.flush();
    }
  }

  /** {@code --version}: the jar's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cordumctl.class.getPackage().getImplementationVersion();
      return new String[] {
        "cordumctl "
            + (v == null ? "dev" : v)
            + " (Java "
            + System.getProperty("java.version")
            + ")"
      };
    }
  }
}
