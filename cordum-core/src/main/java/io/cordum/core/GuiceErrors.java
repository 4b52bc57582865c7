package io.cordum.core;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.cordum.api.CordumException;
import io.cordum.api.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns Guice's exceptions into the library's own: the {@link CordumException}s that providers
 * threw (several validation failures merged into one {@link ValidationException}), or a {@code
 * CordumException} of type {@code configuration_invalid} that says what Guice found. Hosts should
 * never have to catch Guice types to learn that their configuration is wrong.
 */
final class GuiceErrors {
  private GuiceErrors() {}

  static RuntimeException unwrap(RuntimeException e) {
    Collection<Message> messages;
    if (e instanceof ProvisionException p) {
      messages = p.getErrorMessages();
    } else if (e instanceof CreationException c) {
      messages = c.getErrorMessages();
    } else if (e instanceof ConfigurationException c) {
      messages = c.getErrorMessages();
    } else {
      return e;
    }
    List<CordumException> causes = new ArrayList<>();
    for (Message m : messages) {
      for (Throwable t = m.getCause(); t != null; t = t.getCause()) {
        if (t instanceof CordumException c) {
          if (!causes.contains(c)) {
            causes.add(c);
          }
          break;
        }
      }
    }
    if (causes.size() == 1) {
      return causes.get(0);
    }
    if (!causes.isEmpty() && causes.stream().allMatch(c -> c instanceof ValidationException)) {
      List<ValidationException.Violation> all = new ArrayList<>();
      causes.forEach(c -> all.addAll(((ValidationException) c).violations()));
      return new ValidationException(all);
    }
    StringBuilder text = new StringBuilder("the control plane cannot be assembled:");
    messages.forEach(m -> text.append(' ').append(m.getMessage()).append(';'));
    CordumException out =
        new CordumException(
            "configuration_invalid", text.substring(0, text.length() - 1), false, e);
    causes.forEach(out::addSuppressed);
    return out;
  }
}
