package io.cordum.cli;

/** A failure the user can fix, with its exit code; printed as one line. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  CliException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  static CliException usage(String message) {
    return new CliException(Exit.USAGE, message);
  }

  int code() {
    return code;
  }
}
