/** The web console's static files, served at {@code /console}. */
@NullMarked
package io.cordum.gateway.internal.console;

import org.jspecify.annotations.NullMarked;
