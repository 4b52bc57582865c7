package io.cordum.core.internal.workflow.expr;

import io.cordum.api.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * An expression or template could not be parsed. The exception names the offending text ({@link
 * #source()}), the 0-based character offset where the problem was found ({@link #position()}) and
 * what was expected there ({@link #detail()}). Its single violation names the field {@code
 * expression}.
 *
 * <p>Thrown by {@link Expression#parse(String)}, {@link Template#parse(String)} and {@link
 * Template#validateTree(Object)}; never by evaluation.
 */
public class ExpressionSyntaxException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /** The field named by the violation. */
  public static final String FIELD = "expression";

  private final String source;
  private final int position;
  private final String detail;
  private final @Nullable String location;

  /**
   * Creates the exception.
   *
   * @param source the whole text that was being parsed
   * @param position the 0-based offset in {@code source} where the problem was found
   * @param detail what was wrong or expected there, such as {@code expected ')'}
   */
  public ExpressionSyntaxException(String source, int position, String detail) {
    this(source, position, detail, null);
  }

  /**
   * Creates the exception for text found at a location in a larger document.
   *
   * @param source the whole text that was being parsed
   * @param position the 0-based offset in {@code source} where the problem was found
   * @param detail what was wrong or expected there
   * @param location where {@code source} sits in the document, such as {@code input.message};
   *     {@code null} when unknown
   */
  public ExpressionSyntaxException(
      String source, int position, String detail, @Nullable String location) {
    super(FIELD, describe(source, position, detail, location));
    this.source = source;
    this.position = position;
    this.detail = detail;
    this.location = location;
  }

  /** The whole text that was being parsed (an expression, or a template containing one). */
  public String source() {
    return source;
  }

  /** The 0-based offset in {@link #source()} where the problem was found. */
  public int position() {
    return position;
  }

  /** What was wrong or expected at {@link #position()}, without the position and source. */
  public String detail() {
    return detail;
  }

  /** Where the text sits in a larger document (such as {@code input.message}), if known. */
  public @Nullable String location() {
    return location;
  }

  /** The same error for an expression embedded in {@code outer} at offset {@code offset}. */
  ExpressionSyntaxException embeddedIn(String outer, int offset) {
    return new ExpressionSyntaxException(outer, offset + position, detail, location);
  }

  /** The same error, placed at a location in a larger document. */
  ExpressionSyntaxException at(String where) {
    return new ExpressionSyntaxException(source, position, detail, where);
  }

  private static String describe(
      String source, int position, String detail, @Nullable String location) {
    return "syntax error at position "
        + position
        + " in \""
        + source
        + "\""
        + (location == null ? "" : " (at " + location + ")")
        + ": "
        + detail;
  }
}
