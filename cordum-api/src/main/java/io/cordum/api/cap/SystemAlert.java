package io.cordum.api.cap;

/**
 * An alert or notification ({@code cordum.agent.v1.SystemAlert}).
 *
 * @param level field 1: INFO, WARN or CRITICAL
 * @param message field 2
 * @param component field 3
 * @param code field 4
 * @param unknownFields fields this version does not know
 */
public record SystemAlert(
    String level, String message, String component, String code, UnknownFields unknownFields)
    implements Payload {

  /** Copies maps and lists and turns nulls into proto3 defaults. */
  public SystemAlert {
    level = Values.str(level);
    message = Values.str(message);
    component = Values.str(component);
    code = Values.str(code);
    unknownFields = unknownFields == null ? UnknownFields.EMPTY : unknownFields;
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.level = level;
    b.message = message;
    b.component = component;
    b.code = code;
    b.unknownFields = unknownFields;
    return b;
  }

  /** Builds {@link SystemAlert} values. */
  public static final class Builder {
    private String level = "";
    private String message = "";
    private String component = "";
    private String code = "";
    private UnknownFields unknownFields = UnknownFields.EMPTY;

    private Builder() {}

    /** Sets level: field 1: INFO, WARN or CRITICAL. */
    public Builder level(String v) {
      this.level = v;
      return this;
    }

    /** Sets message: field 2. */
    public Builder message(String v) {
      this.message = v;
      return this;
    }

    /** Sets component: field 3. */
    public Builder component(String v) {
      this.component = v;
      return this;
    }

    /** Sets code: field 4. */
    public Builder code(String v) {
      this.code = v;
      return this;
    }

    /** Sets unknownFields: fields this version does not know. */
    public Builder unknownFields(UnknownFields v) {
      this.unknownFields = v;
      return this;
    }

    /** Builds the record. */
    public SystemAlert build() {
      return new SystemAlert(level, message, component, code, unknownFields);
    }
  }
}
