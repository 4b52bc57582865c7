package io.cordum.client.model;

import java.util.List;
import java.util.Map;

/**
 * A way to run a denied job safely, offered by the safety kernel ({@code POST
 * /api/v1/jobs/{id}/remediate} submits it).
 *
 * @param id its id
 * @param title a title
 * @param summary what it changes
 * @param replacementTopic the topic the clone runs on
 * @param replacementCapability the capability the clone needs
 * @param addLabels labels added to the clone
 * @param removeLabels labels removed from the clone
 */
public record Remediation(
    String id,
    String title,
    String summary,
    String replacementTopic,
    String replacementCapability,
    Map<String, String> addLabels,
    List<String> removeLabels) {
  /** Normalizes nulls. */
  public Remediation {
    id = Norm.s(id);
    title = Norm.s(title);
    summary = Norm.s(summary);
    replacementTopic = Norm.s(replacementTopic);
    replacementCapability = Norm.s(replacementCapability);
    addLabels = Norm.map(addLabels);
    removeLabels = Norm.list(removeLabels);
  }
}
