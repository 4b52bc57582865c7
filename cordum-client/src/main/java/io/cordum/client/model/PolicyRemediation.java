package io.cordum.client.model;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A remediation in a policy decision (protobuf JSON: lowerCamelCase).
 *
 * @param id its id
 * @param title a title
 * @param summary what it changes
 * @param replacementTopic the topic the clone runs on
 * @param replacementCapability the capability the clone needs
 * @param addLabels labels added
 * @param removeLabels labels removed
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record PolicyRemediation(
    String id,
    String title,
    String summary,
    String replacementTopic,
    String replacementCapability,
    Map<String, String> addLabels,
    List<String> removeLabels) {
  /** Normalizes nulls. */
  public PolicyRemediation {
    id = Norm.s(id);
    title = Norm.s(title);
    summary = Norm.s(summary);
    replacementTopic = Norm.s(replacementTopic);
    replacementCapability = Norm.s(replacementCapability);
    addLabels = Norm.map(addLabels);
    removeLabels = Norm.list(removeLabels);
  }
}
