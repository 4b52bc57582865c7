package io.cordum.api.pointer;

import java.util.Optional;

/**
 * Stores job inputs (context) and outputs (results) as opaque bytes behind pointers of the form
 * {@code redis://ctx:<job_id>} and {@code redis://res:<job_id>} (see {@link Pointers}).
 *
 * <p>Entries expire after the configured retention (24 hours by default). Only the {@code ctx:} and
 * {@code res:} namespaces are reachable. {@link #get} also reads the CAP SDKs' {@code
 * redis://ctx/<job_id>} forms ({@link Pointers#readKeys}) and answers empty for a pointer it cannot
 * resolve (CAP pointers are opaque URIs: absent data, not an error); writes, copies and deletes of
 * any other pointer are rejected with {@link io.cordum.api.ValidationException}. A backend failure
 * throws {@link io.cordum.api.BackendException}.
 */
public interface PointerStore {

  /**
   * Stores a job's input, replacing any earlier one.
   *
   * @return the pointer, {@code redis://ctx:<job_id>}
   */
  String putContext(String jobId, byte[] data);

  /**
   * Stores a job's output, replacing any earlier one.
   *
   * @return the pointer, {@code redis://res:<job_id>}
   */
  String putResult(String jobId, byte[] data);

  /**
   * The bytes behind a pointer, or empty if there are none (never written, expired, or a pointer
   * this store cannot resolve, such as another scheme).
   */
  Optional<byte[]> get(String pointer);

  /**
   * Copies the bytes behind one pointer to another key in the same namespace rules (used to copy a
   * job's input to a retried job).
   *
   * @return whether there was something to copy
   */
  default boolean copy(String fromPointer, String toPointer) {
    String key = Pointers.blobKeyOf(toPointer);
    Optional<byte[]> data = get(fromPointer);
    if (data.isEmpty()) {
      return false;
    }
    String id = key.substring(key.indexOf(':') + 1);
    if (key.startsWith(Pointers.CONTEXT_NAMESPACE)) {
      putContext(id, data.get());
    } else {
      putResult(id, data.get());
    }
    return true;
  }

  /** Deletes the bytes behind a pointer. Returns whether anything was deleted. */
  boolean delete(String pointer);
}
