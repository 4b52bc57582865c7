package io.cordum.worker;

/** A job's input pointer resolves to nothing; the job fails with {@code input_unavailable}. */
final class InputUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InputUnavailableException(String jobId, String pointer) {
    super(
        "the input of job "
            + jobId
            + " at "
            + pointer
            + " cannot be read: it expired, was"
            + " never written, or is a pointer this worker's store cannot resolve",
        null,
        false,
        false);
  }
}
