package io.cordum.core.internal.job;

import io.cordum.api.CordumException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads a job's output bytes as a Java value through Jackson (records, classes, maps, trees). */
final class TypedResults {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TypedResults() {}

  static <T> T read(String jobId, byte[] bytes, Class<T> type) {
    if (type == byte[].class) {
      return type.cast(bytes);
    }
    if (type == String.class) {
      return type.cast(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }
    try {
      return JSON.readValue(bytes, type);
    } catch (JacksonException e) {
      throw new CordumException(
          "result_unreadable",
          "the result of job "
              + jobId
              + " ("
              + bytes.length
              + " bytes) is not JSON readable as "
              + type.getName()
              + ": "
              + e.getOriginalMessage(),
          false,
          e);
    }
  }
}
