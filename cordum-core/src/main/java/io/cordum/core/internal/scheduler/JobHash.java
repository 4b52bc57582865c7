package io.cordum.core.internal.scheduler;

import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash an approval is bound to: lowercase hex SHA-256 of a canonical form of the request (maps
 * sorted by key, every field in a fixed order) without what approving or dispatching changes:
 * labels starting with {@code approval_} (any case), the bus dedup label {@code cordum.bus_msg_id},
 * and env {@code CORDUM_EFFECTIVE_CONFIG}.
 */
final class JobHash {
  private JobHash() {}

  static String of(JobRequest req) {
    TreeMap<String, String> labels = new TreeMap<>();
    req.labels()
        .forEach(
            (k, v) -> {
              if (!k.toLowerCase(Locale.ROOT).startsWith("approval_")
                  && !k.equals(SubmitProcessor.BUS_MSG_ID_LABEL)) {
                labels.put(k, v);
              }
            });
    TreeMap<String, String> env = new TreeMap<>(req.env());
    env.remove(RequestEnv.EFFECTIVE_CONFIG);
    JobMetadata meta = req.meta();
    JobRequest canonical =
        req.toBuilder()
            .jobId(req.jobId().trim())
            .labels(labels)
            .env(env)
            .meta(meta == null ? null : meta.toBuilder().labels(sorted(meta.labels())).build())
            .build();
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return new TreeMap<>(m);
  }
}
