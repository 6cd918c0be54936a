package dev.embedkit.server.http;

import io.javalin.http.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Whether a request's client has gone: Jetty reports a connection closed by the peer to the request's failure
 * listeners, and the batcher asks before it runs the request's inputs, so a disconnected client's work is dropped.
 */
public final class ClientGone implements BooleanSupplier {
  private final AtomicBoolean gone = new AtomicBoolean();

  private ClientGone() {}

  public static ClientGone watch(Context ctx) {
    ClientGone watcher = new ClientGone();
    ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
    if (request != null) {
      request.addFailureListener(failure -> watcher.gone.set(true));
    }
    return watcher;
  }

  @Override
  public boolean getAsBoolean() {
    return gone.get();
  }
}
