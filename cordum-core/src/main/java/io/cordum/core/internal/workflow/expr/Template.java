package io.cordum.core.internal.workflow.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A string that may contain {@code ${expression}} parts, such as a value of a step's
 * {@code input} map: {@code "${input.repo}"} or {@code "review of ${input.repo} finished"}.
 *
 * <ul>
 *   <li>A text that is exactly one {@code ${...}} (surrounding whitespace allowed) renders as the
 *       expression's typed value: an array stays an array, a number a number, null null.
 *   <li>Otherwise each {@code ${...}} is replaced by its value as text, left to right: null is
 *       empty, whole numbers are written without a fraction or exponent, arrays and objects as
 *       JSON.
 *   <li>An expression ends at the first {@code }} outside a quoted string. There is no escape for
 *       a literal {@code ${}: every {@code ${} starts an expression, so that existing templates
 *       keep their meaning.
 * </ul>
 *
 * <p>{@link #renderTree(Object, Map)} applies this to every string in a JSON-like tree of maps
 * and lists. Instances are immutable and thread-safe.
 */
public final class Template {
  private static final String OPEN = "${";

  private final String text;

  /** Each element is a literal String or an Expression, in order. */
  private final List<Object> parts;

  private final @Nullable Expression whole;

  private Template(String text, List<Object> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
    this.whole = singleExpression(this.parts);
  }

  /**
   * Parses a template.
   *
   * @param text the text; a text without {@code ${} is a template that renders as itself
   * @return the parsed template
   * @throws ExpressionSyntaxException when a {@code ${} has no closing {@code }} ("unterminated
   *     template expression"), or an expression inside is empty or invalid; the position is an
   *     offset in {@code text}
   */
  public static Template parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Object> parts = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = text.indexOf(OPEN, from);
      if (open < 0) {
        addLiteral(parts, text.substring(from));
        return new Template(text, parts);
      }
      addLiteral(parts, text.substring(from, open));
      int start = open + OPEN.length();
      int close = findClose(text, start);
      if (close < 0) {
        throw new ExpressionSyntaxException(
            text, open, "unterminated template expression: the '${' has no closing '}'");
      }
      try {
        parts.add(Expression.parse(text.substring(start, close)));
      } catch (ExpressionSyntaxException e) {
        throw e.embeddedIn(text, start);
      }
      from = close + 1;
    }
  }

  /**
   * Renders the template.
   *
   * @param scope the root values, as for {@link Expression#evaluate(Map)}
   * @return the typed value of the expression when the text is exactly one {@code ${...}},
   *     otherwise the interpolated String
   */
  public @Nullable Object render(Map<String, ?> scope) {
    if (whole != null) {
      return whole.evaluate(scope);
    }
    if (parts.size() == 1 && parts.get(0) instanceof String s) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Expression e) {
        sb.append(Rendering.text(e.evaluate(scope)));
      } else {
        sb.append((String) part);
      }
    }
    return sb.toString();
  }

  /** The text this template was parsed from. */
  public String text() {
    return text;
  }

  /** The expressions inside the template, in order. */
  public List<Expression> expressions() {
    List<Expression> out = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof Expression e) {
        out.add(e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The root names referenced by every expression inside the template. */
  public Set<String> roots() {
    Set<String> out = new LinkedHashSet<>();
    expressions().forEach(e -> out.addAll(e.roots()));
    return Collections.unmodifiableSet(out);
  }

  /**
   * Renders every string in a JSON-like tree. Maps and lists are copied (into new mutable {@link
   * LinkedHashMap}s and {@link ArrayList}s, so a caller may add keys such as {@code item}); map
   * keys are not templates; strings are rendered with {@link #render(Map)}; any other value is
   * returned unchanged.
   *
   * @param tree a Map, List, String or other value; may be null
   * @param scope the root values
   * @return the rendered copy
   * @throws ExpressionSyntaxException when a string in the tree is not a valid template
   */
  public static @Nullable Object renderTree(@Nullable Object tree, Map<String, ?> scope) {
    Objects.requireNonNull(scope, "scope");
    return render(tree, scope, "");
  }

  /**
   * Parses every template in a JSON-like tree without evaluating anything, so a definition can be
   * rejected when it is saved rather than when a run reaches it.
   *
   * @param tree a Map, List, String or other value; may be null
   * @throws ExpressionSyntaxException for the first invalid template; its {@code source()} is the
   *     offending text and its {@code location()} where it sits in the tree (such as {@code
   *     message} or {@code files[2]})
   */
  public static void validateTree(@Nullable Object tree) {
    render(tree, null, "");
  }

  /** Renders (scope non-null) or only parses (scope null) a tree. */
  private static @Nullable Object render(
      @Nullable Object tree, @Nullable Map<String, ?> scope, String where) {
    if (tree instanceof String s) {
      if (!s.contains(OPEN)) {
        return s;
      }
      Template t;
      try {
        t = parse(s);
      } catch (ExpressionSyntaxException e) {
        throw where.isEmpty() ? e : e.at(where);
      }
      return scope == null ? s : t.render(scope);
    }
    if (tree instanceof Map<?, ?> map) {
      Map<Object, @Nullable Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        out.put(e.getKey(), render(e.getValue(), scope, where.isEmpty() ? key : where + "." + key));
      }
      return out;
    }
    if (tree instanceof List<?> list) {
      List<@Nullable Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(render(list.get(i), scope, where + "[" + i + "]"));
      }
      return out;
    }
    return tree;
  }

  /** The index of the '}' closing an expression that starts at {@code from}, or -1. */
  private static int findClose(String text, int from) {
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '}') {
        return i;
      }
    }
    return -1;
  }

  private static void addLiteral(List<Object> parts, String literal) {
    if (!literal.isEmpty()) {
      parts.add(literal);
    }
  }

  /** The expression when the parts are one expression and whitespace, else null. */
  private static @Nullable Expression singleExpression(List<Object> parts) {
    Expression found = null;
    for (Object part : parts) {
      if (part instanceof Expression e) {
        if (found != null) {
          return null;
        }
        found = e;
      } else if (!((String) part).isBlank()) {
        return null;
      }
    }
    return found;
  }

  @Override
  public String toString() {
    return text;
  }
}
