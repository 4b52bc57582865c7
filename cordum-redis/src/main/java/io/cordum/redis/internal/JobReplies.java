package io.cordum.redis.internal;

import io.cordum.api.BackendException;
import io.cordum.api.ConflictException;
import io.cordum.api.InvalidTransitionException;
import io.cordum.api.NotFoundException;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a job script's reply into a record or the typed exception it stands for. A reply is a list
 * whose first element is a status: {@code OK} (then the record hash, flat), {@code CONFLICT} (then
 * a message), {@code INVALID} (then the current state, {@code ""} for none), {@code NOTFOUND} or
 * {@code TERMINAL}.
 */
public final class JobReplies {
  private JobReplies() {}

  /** The status of a reply. */
  public static String status(List<?> reply) {
    return String.valueOf(reply.get(0));
  }

  /** The record of an {@code OK} reply, or the exception of any other. */
  public static JobRecord record(List<?> reply, String id, @Nullable JobState to) {
    String status = status(reply);
    if (status.equals("OK")) {
      return RecordCodec.decode(RecordCodec.fields((List<?>) reply.get(1)));
    }
    throw failure(reply, id, to);
  }

  /** The exception a non-OK reply stands for. */
  public static RuntimeException failure(List<?> reply, String id, @Nullable JobState to) {
    String status = status(reply);
    switch (status) {
      case "CONFLICT":
        return new ConflictException(String.valueOf(reply.get(1)));
      case "NOTFOUND":
        return new NotFoundException("job " + id + " not found");
      case "INVALID":
        {
          String from = String.valueOf(reply.get(1));
          return new InvalidTransitionException(
              id,
              from.isEmpty() ? null : JobState.valueOf(from),
              to == null ? JobState.PENDING : to);
        }
      default:
        return new BackendException(
            "redis: unexpected script reply " + reply + " for job " + id, null);
    }
  }
}
