package io.cordum.api.policy;

/**
 * Who changes the policy bundles and why, as recorded in the audit log ({@link
 * PolicyBundleAuditEntry}): the actor, their role, a message (also kept on the bundles a publish
 * touches) and a free-form note.
 *
 * <pre>{@code
 * cordum.policyBundles().publish(List.of(),
 *     PolicyChange.by("alice").role("admin").message("tighten prod").note("CHG-7").build());
 * }</pre>
 *
 * @param actor who makes the change
 * @param role the actor's role, such as {@code admin}; {@code ""} if unknown
 * @param message the change message
 * @param note a free-form note
 */
public record PolicyChange(String actor, String role, String message, String note) {

  /** Trims every field and turns nulls into empty strings. */
  public PolicyChange {
    actor = actor == null ? "" : actor.trim();
    role = role == null ? "" : role.trim();
    message = message == null ? "" : message.trim();
    note = note == null ? "" : note.trim();
  }

  /** A change by {@code actor} with a message, without role or note. */
  public static PolicyChange of(String actor, String message) {
    return new PolicyChange(actor, "", message, "");
  }

  /** A builder for a change by {@code actor}. */
  public static Builder by(String actor) {
    return new Builder(actor);
  }

  /** Builds {@link PolicyChange} values. */
  public static final class Builder {
    private final String actor;
    private String role = "";
    private String message = "";
    private String note = "";

    private Builder(String actor) {
      this.actor = actor == null ? "" : actor;
    }

    /** The actor's role. */
    public Builder role(String v) {
      this.role = v;
      return this;
    }

    /** The change message. */
    public Builder message(String v) {
      this.message = v;
      return this;
    }

    /** A free-form note. */
    public Builder note(String v) {
      this.note = v;
      return this;
    }

    /** Builds the value. */
    public PolicyChange build() {
      return new PolicyChange(actor, role, message, note);
    }
  }
}
