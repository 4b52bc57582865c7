/**
 * {@code cordumctl}, the command line of Cordum for Java: every operation of the gateway's {@code
 * /api/v1} from a terminal, over {@code cordum-client} (HTTP only; it carries no engine classes).
 * {@link io.cordum.cli.Main} is the entry point; {@code docs/cli.md} lists the commands and exit
 * codes.
 */
@NullMarked
package io.cordum.cli;

import org.jspecify.annotations.NullMarked;
