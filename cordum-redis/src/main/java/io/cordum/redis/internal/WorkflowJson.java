package io.cordum.redis.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored JSON of workflow definitions, runs and timeline events: the records' components by
 * name (camelCase), times as ISO-8601 strings, whole numbers read back as {@code Long}.
 */
public final class WorkflowJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .changeDefaultVisibility(
              v ->
                  v.withVisibility(PropertyAccessor.ALL, Visibility.NONE)
                      .withVisibility(PropertyAccessor.FIELD, Visibility.ANY))
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .build();

  private WorkflowJson() {}

  /** A definition as JSON. */
  public static String encode(WorkflowDefinition d) {
    return MAPPER.writeValueAsString(d);
  }

  /** A run as JSON. */
  public static String encode(WorkflowRun r) {
    return MAPPER.writeValueAsString(r);
  }

  /** An event as JSON. */
  public static String encode(TimelineEvent e) {
    return MAPPER.writeValueAsString(e);
  }

  /** Reads a definition. */
  public static WorkflowDefinition definition(String json) {
    return MAPPER.readValue(json, WorkflowDefinition.class);
  }

  /** Reads a run. */
  public static WorkflowRun run(String json) {
    return MAPPER.readValue(json, WorkflowRun.class);
  }

  /** Reads an event. */
  public static TimelineEvent event(String json) {
    return MAPPER.readValue(json, TimelineEvent.class);
  }
}
