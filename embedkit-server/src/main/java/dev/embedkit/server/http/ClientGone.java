package dev.embedkit.server.http;

import io.javalin.http.Context;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Whether a request's client has gone, asked by the batcher before it runs the request's inputs, so that a
 * disconnected client's queued work is dropped. Jetty reports a failure to the request's listeners when it sees
 * one, but an HTTP/1.1 connection whose request body was read is not read again until the answer is written, so
 * a client that closes while its request waits in the queue is noticed through the kernel instead: its socket is
 * in CLOSE_WAIT ({@link TcpStates}, Linux; elsewhere only Jetty's own failures count).
 */
public final class ClientGone implements BooleanSupplier {
  private final AtomicBoolean failed = new AtomicBoolean();
  private final InetSocketAddress local;
  private final InetSocketAddress remote;

  private ClientGone(InetSocketAddress local, InetSocketAddress remote) {
    this.local = local;
    this.remote = remote;
  }

  public static ClientGone watch(Context ctx) {
    ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
    SocketAddress local = request == null ? null : request.getConnectionMetaData().getLocalSocketAddress();
    SocketAddress remote = request == null ? null : request.getConnectionMetaData().getRemoteSocketAddress();
    ClientGone watcher = new ClientGone(local instanceof InetSocketAddress l ? l : null,
        remote instanceof InetSocketAddress r ? r : null);
    if (request != null) {
      request.addFailureListener(failure -> watcher.failed.set(true));
    }
    return watcher;
  }

  @Override
  public boolean getAsBoolean() {
    return failed.get() || (local != null && remote != null && TcpStates.closedByPeer(local, remote));
  }
}
