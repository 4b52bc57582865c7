/**
 * The workflow engine's expression language and templates: step conditions, {@code for_each} lists
 * and {@code ${...}} parts of step inputs. Entry points are {@link
 * io.cordum.core.internal.workflow.expr.Expression} and {@link
 * io.cordum.core.internal.workflow.expr.Template}; everything else in the package is internal.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * expression = or ;
 * or         = and , { "||" , and } ;
 * and        = not , { "&amp;&amp;" , not } ;
 * not        = "!" , not | comparison ;              (* !a == b  means  !(a == b) *)
 * comparison = relational , [ ( "==" | "!=" ) , relational ] ;        (* no chaining *)
 * relational = operand , [ ( "&lt;" | "&lt;=" | "&gt;" | "&gt;=" ) , operand ] ;  (* no chaining *)
 * operand    = "!" , not                               (* a == !b  means  a == (!b) *)
 *            | number | string | "true" | "false" | "null"
 *            | name , { selector }
 *            | function , "(" , expression , ")" , { selector }
 *            | "(" , expression , ")" , { selector } ;
 * selector   = "." , key | "[" , index , "]" | "[" , string , "]" ;
 * function   = "length" | "first" ;                   (* any other name( is a syntax error *)
 * name       = ( letter | "_" ) , { letter | digit | "_" | "-" } ;
 * key        = ( letter | digit | "_" | "-" ) , { letter | digit | "_" | "-" } ;
 * index      = digit , { digit } ;
 * number     = [ "-" | "+" ] , digit , { digit } , [ "." , digit , { digit } ]
 *              , [ ( "e" | "E" ) , [ "+" | "-" ] , digit , { digit } ] ;
 * string     = "'" , { char | escape } , "'" | '"' , { char | escape } , '"' ;
 * escape     = "\\" , ( "\\" | "'" | '"' ) ;          (* any other backslash is kept as is *)
 * </pre>
 *
 * <p>Precedence, loosest first: {@code ||}, {@code &&}, {@code !}, {@code == !=}, {@code < <= >
 * >=}. Whitespace is allowed between tokens.
 *
 * <h2>Values</h2>
 *
 * <p>null, Boolean, Long (whole-number literals, {@code length}), Double, String, and the lists and
 * maps of the scope. A path that does not resolve is null, never an error; {@code a.0} reads the
 * key "0" of an object (it does not index arrays; {@code a[0]} does). For compatibility with
 * for_each child outputs, {@code steps.fan[0]} reads the key {@code "fan[0]"} of {@code steps} when
 * that key exists. Comparisons are typed on the left operand (as existing definitions expect):
 * numbers numerically, strings by code point, anything else equal when the text renderings are
 * equal. Truthiness: null, false, empty string and zero are false; everything else (empty arrays
 * and objects too) is true.
 *
 * <h2>Parsing and rendering</h2>
 *
 * <ul>
 *   <li>A real parser: operators inside string literals, {@code &&}, {@code ||}, parentheses, array
 *       indexes and quoted keys work; errors are reported when parsing, with a position.
 *   <li>Whole-number literals are Long ({@code 42}, not {@code 42.0}); they still compare equal to
 *       the same Double. {@code inf}/{@code nan} are names, not number literals.
 *   <li>Long 0 is falsy, like Double 0.
 *   <li>{@code length} of a string counts characters (code points), not UTF-8 bytes.
 *   <li>Interpolation writes whole numbers as integers and arrays/objects as JSON, what a reader of
 *       the rendered text (often another JSON document) expects.
 *   <li>Chained comparisons such as {@code a == b == c} are syntax errors (their meaning would be a
 *       guess); null equals only null.
 * </ul>
 */
@NullMarked
package io.cordum.core.internal.workflow.expr;

import org.jspecify.annotations.NullMarked;
