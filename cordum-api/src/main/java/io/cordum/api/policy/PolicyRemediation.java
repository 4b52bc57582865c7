package io.cordum.api.policy;

import java.util.List;
import java.util.Map;

/**
 * A way to change a denied job so that policy allows it.
 *
 * @param id identifier
 * @param title short title
 * @param summary what to change
 * @param replacementTopic the topic to use instead, if any
 * @param replacementCapability the capability to use instead, if any
 * @param addLabels labels to add
 * @param removeLabels labels to remove
 */
public record PolicyRemediation(
    String id,
    String title,
    String summary,
    String replacementTopic,
    String replacementCapability,
    Map<String, String> addLabels,
    List<String> removeLabels) {

  /** Copies maps and lists and turns nulls into empty values. */
  public PolicyRemediation {
    id = id == null ? "" : id;
    title = title == null ? "" : title;
    summary = summary == null ? "" : summary;
    replacementTopic = replacementTopic == null ? "" : replacementTopic;
    replacementCapability = replacementCapability == null ? "" : replacementCapability;
    addLabels =
        addLabels == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(addLabels));
    removeLabels = removeLabels == null ? List.of() : List.copyOf(removeLabels);
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.title = title;
    b.summary = summary;
    b.replacementTopic = replacementTopic;
    b.replacementCapability = replacementCapability;
    b.addLabels = new java.util.LinkedHashMap<>(addLabels);
    b.removeLabels = removeLabels;
    return b;
  }

  /** Builds {@link PolicyRemediation} values. */
  public static final class Builder {
    private String id = "";
    private String title = "";
    private String summary = "";
    private String replacementTopic = "";
    private String replacementCapability = "";
    private Map<String, String> addLabels = new java.util.LinkedHashMap<>();
    private List<String> removeLabels = List.of();

    private Builder() {}

    /** Sets id: identifier. */
    public Builder id(String v) {
      this.id = v;
      return this;
    }

    /** Sets title: short title. */
    public Builder title(String v) {
      this.title = v;
      return this;
    }

    /** Sets summary: what to change. */
    public Builder summary(String v) {
      this.summary = v;
      return this;
    }

    /** Sets replacementTopic: the topic to use instead, if any. */
    public Builder replacementTopic(String v) {
      this.replacementTopic = v;
      return this;
    }

    /** Sets replacementCapability: the capability to use instead, if any. */
    public Builder replacementCapability(String v) {
      this.replacementCapability = v;
      return this;
    }

    /** Sets addLabels: labels to add. */
    public Builder addLabels(Map<String, String> v) {
      this.addLabels =
          v == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(v);
      return this;
    }

    /** Adds one entry to addLabels. */
    public Builder putAddLabels(String key, String value) {
      this.addLabels.put(key, value);
      return this;
    }

    /** Sets removeLabels: labels to remove. */
    public Builder removeLabels(List<String> v) {
      this.removeLabels = v;
      return this;
    }

    /** Sets removeLabels from values. */
    public Builder removeLabels(String... v) {
      this.removeLabels = List.of(v);
      return this;
    }

    /** Builds the record. */
    public PolicyRemediation build() {
      return new PolicyRemediation(
          id, title, summary, replacementTopic, replacementCapability, addLabels, removeLabels);
    }
  }
}
