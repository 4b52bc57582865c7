package io.cordum.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cordumctl completion bash|zsh}: a completion script for the shell. */
@Command(
    name = "completion",
    description = {
      "Print a completion script.",
      "bash: source <(cordumctl completion bash)   (or save it in /etc/bash_completion.d/)",
      "zsh:  source <(cordumctl completion zsh)    (in ~/.zshrc)"
    })
final class CompletionCommand extends Cmd {
  @Parameters(paramLabel = "SHELL", description = "bash or zsh")
  String shell;

  @Override
  int run() {
    String script =
        AutoComplete.bash(
            "cordumctl",
            Cordumctl.commandLine(
                new Cordumctl(root().env, root().in, root().out, root().err, false), null, true));
    switch (shell) {
      case "bash" -> root().out.print(script);
      // zsh runs the bash script through bashcompinit.
      case "zsh" ->
          root()
              .out
              .print(
                  "autoload -U +X compinit && compinit\n"
                      + "autoload -U +X bashcompinit && bashcompinit\n"
                      + script);
      default -> throw CliException.usage("SHELL must be bash or zsh, was " + shell);
    }
    return Exit.OK;
  }
}
