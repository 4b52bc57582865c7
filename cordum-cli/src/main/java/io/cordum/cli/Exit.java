package io.cordum.cli;

/** The exit codes of {@code cordumctl} (documented in {@code docs/cli.md} and {@code --help}). */
final class Exit {
  /** Done. */
  static final int OK = 0;

  /** The gateway refused the request (400, 409, ...), or another failure. */
  static final int ERROR = 1;

  /** The command line is wrong (unknown command or option, missing argument, bad value). */
  static final int USAGE = 2;

  /** What the command names does not exist (404). */
  static final int NOT_FOUND = 3;

  /** The key is missing or wrong (401), or may not do this (403). */
  static final int AUTH = 4;

  /** The gateway failed (5xx) or could not be reached. */
  static final int SERVER = 5;

  /** The job or run followed with {@code --wait} ended without success. */
  static final int FAILED = 6;

  /** {@code --wait} gave up before the job or run ended (it goes on). */
  static final int TIMEOUT = 7;

  private Exit() {}

  static final String HELP =
      """
      Exit codes: 0 ok, 1 refused by the gateway or other error, 2 usage, 3 not found,
        4 auth (401/403), 5 server error or unreachable, 6 the job or run failed (--wait),
        7 --wait timed out.""";
}
