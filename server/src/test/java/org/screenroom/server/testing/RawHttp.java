package org.screenroom.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what Java's client cannot do: pick the source address
 * (loopback has all of 127.0.0.0/8, so tests can be "another client" or "another network") and
 * send malformed or oversized heads.
 */
public final class RawHttp {
  private static final int TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /** A socket to {@code url}'s host and port from {@code source} (e.g. {@code 127.0.0.2}). */
  public static Socket connect(String url, String source) throws IOException {
    URI uri = URI.create(url);
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MILLIS);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return socket;
  }

  /** Sends {@code head} (request line and headers, no final blank line) and answers the status. */
  public static int status(Socket socket, String head) throws IOException {
    socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return readStatus(socket.getInputStream());
  }

  /** A GET of {@code url} from {@code source} on a new connection; answers the status (0 if closed). */
  public static int get(String url, String source) throws IOException {
    URI uri = URI.create(url);
    try (Socket socket = connect(url, source)) {
      return status(socket, "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost()
          + "\r\nConnection: close");
    }
  }

  /** A whole response: its status and everything after the status line (headers and body). */
  public record Response(int status, String rest) {}

  /**
   * A request of {@code url} from {@code source} on a new connection with extra header lines
   * (e.g. {@code X-Forwarded-For: ...}), read to the end (the connection closes after it).
   */
  public static Response exchange(String method, String url, String source, String... headers)
      throws IOException {
    URI uri = URI.create(url);
    try (Socket socket = connect(url, source)) {
      StringBuilder head = new StringBuilder(method + " " + uri.getRawPath()
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\nHost: "
          + uri.getHost() + "\r\nConnection: close");
      for (String h : headers) {
        head.append("\r\n").append(h);
      }
      socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      int status = readStatus(in);
      return new Response(status, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }
  }

  /** The status code of the response starting on {@code in}; 0 when the server closed first. */
  public static int readStatus(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    if (line.length() == 0) {
      return 0;
    }
    return Integer.parseInt(line.toString().split(" ")[1]);
  }

  /** Whether the server closed {@code socket} (reads end of stream or a reset). */
  public static boolean closedByServer(Socket socket) {
    try {
      return socket.getInputStream().read() == -1;
    } catch (IOException e) {
      return true;
    }
  }
}
