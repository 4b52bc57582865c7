package io.cordum.cli;

/** {@code cordumctl}'s entry point. */
public final class Main {
  private Main() {}

  /** Runs one command and exits with its code. */
  public static void main(String[] args) {
    int code =
        Cordumctl.run(
            args, System.getenv(), System.in, System.out, System.err, System.console() != null);
    System.out.flush();
    System.exit(code);
  }
}
