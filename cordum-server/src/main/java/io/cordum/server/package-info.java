/**
 * The runnable Cordum control plane: {@link io.cordum.server.CordumServer} assembles the engines
 * and the HTTP gateway from flags, environment and an optional YAML file, and {@link
 * io.cordum.server.Main} runs it as {@code java -jar cordum-server.jar}.
 */
@NullMarked
package io.cordum.server;

import org.jspecify.annotations.NullMarked;
