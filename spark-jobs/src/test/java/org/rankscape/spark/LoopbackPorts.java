package org.rankscape.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports that fail a client in the two ways an unreachable server does. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /** A port nothing listens on (free a moment ago): a connection is refused at once. */
  public static int refusing() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A listening port whose accept queue is full: Linux drops further connection requests, so a
   * client waits until its own timeout, as for a server behind a firewall that drops packets.
   */
  public static final class Silent implements AutoCloseable {
    private final ServerSocket server;
    private final List<SocketChannel> queued = new ArrayList<>();

    public Silent() throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      for (int i = 0; i < 4; i++) {
        SocketChannel client = SocketChannel.open();
        queued.add(client);
        client.configureBlocking(false);
        client.connect(server.getLocalSocketAddress());
      }
    }

    public int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      for (SocketChannel client : queued) {
        client.close();
      }
      server.close();
    }
  }
}
