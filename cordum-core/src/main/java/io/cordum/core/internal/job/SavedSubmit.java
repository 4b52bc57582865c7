package io.cordum.core.internal.job;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.UnknownFields;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Tenants;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The mark the Java client puts on a submit it saved just before publishing it: the version and
 * creation time of the new job's record, so the scheduler can claim it with a compare-and-set on
 * that version without reading it first (issue 13). It travels as a field of the bus packet that
 * the CAP protocol does not define ({@value #FIELD}, length-delimited, ASCII {@code
 * <version>:<created micros>}): CAP decoders keep or skip unknown fields, so other clients and
 * components are unaffected, and no other client sends it. The packet's sender cannot be trusted
 * with more than a hint: the scheduler's claim expects the job in PENDING at that version and falls
 * back to reading the job when it is not.
 *
 * @param version the record's version after the client's save
 * @param createdAt the record's creation time
 */
public record SavedSubmit(long version, Instant createdAt) {
  /** The packet field number, outside the range CAP uses. */
  static final int FIELD = 90_013;

  private static final int WIRE_LEN = 2;

  /** The mark of a just-created job, or {@code null} when the save did not create one. */
  public static @Nullable SavedSubmit of(JobRecord saved) {
    return saved.state() == JobState.PENDING && saved.attempts() == 0
        ? new SavedSubmit(saved.version(), saved.createdAt())
        : null;
  }

  /** The packet's fields that CAP does not know, with this mark. */
  public UnknownFields encode() {
    byte[] value = (version + ":" + micros(createdAt)).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    varint(out, ((long) FIELD << 3) | WIRE_LEN);
    varint(out, value.length);
    out.writeBytes(value);
    return UnknownFields.of(out.toByteArray());
  }

  /** The mark a packet carries, or {@code null} when it has none (or an unreadable one). */
  public static @Nullable SavedSubmit in(BusPacket packet) {
    if (packet.unknownFields().isEmpty()) {
      return null;
    }
    byte[] b = packet.unknownFields().toByteArray();
    int[] pos = {0};
    try {
      while (pos[0] < b.length) {
        long tag = varint(b, pos);
        int wire = (int) (tag & 7);
        long field = tag >>> 3;
        switch (wire) {
          case 0 -> varint(b, pos);
          case 1 -> pos[0] += 8;
          case 5 -> pos[0] += 4;
          case WIRE_LEN -> {
            int len = (int) varint(b, pos);
            if (len < 0 || pos[0] + len > b.length) {
              return null;
            }
            if (field == FIELD) {
              return parse(new String(b, pos[0], len, StandardCharsets.US_ASCII));
            }
            pos[0] += len;
          }
          default -> {
            return null; // groups: nothing Cordum writes
          }
        }
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  /**
   * The record the mark says the store holds: what the client's save of {@code req} created. Only
   * as exact as the store's save; the scheduler writes against it only with this version expected.
   */
  public JobRecord record(JobRequest req, String traceId) {
    return JobRecord.builder()
        .id(req.jobId())
        .traceId(traceId)
        .state(JobState.PENDING)
        .topic(req.topic())
        .tenant(Tenants.of(req))
        .version(version)
        .attempts(0)
        .createdAt(createdAt)
        .updatedAt(createdAt)
        .build();
  }

  private static @Nullable SavedSubmit parse(String s) {
    int sep = s.indexOf(':');
    if (sep <= 0) {
      return null;
    }
    long v = Long.parseLong(s.substring(0, sep));
    long micros = Long.parseLong(s.substring(sep + 1));
    return v > 0 ? new SavedSubmit(v, instant(micros)) : null;
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long varint(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte x = b[pos[0]++];
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }
}
