package org.screenroom.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

  /**
   * One response read off a kept-alive connection.
   *
   * @param statusLine e.g. {@code HTTP/1.1 200 OK}
   * @param headers the header lines in the order sent
   * @param body the body bytes
   */
  public record Exchange(String statusLine, List<String> headers, byte[] body) {
    /** The status code. */
    public int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** The first value of header {@code name} (any case). */
    public Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).strip()).findFirst();
    }
  }

  /** Writes a request head (request line and header lines, no blank line) on {@code socket}. */
  public static void send(Socket socket, String head) throws IOException {
    socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /**
   * Reads one whole response from {@code in} (buffered once per connection, so the responses
   * after it stay unread): the head, then Content-Length bytes of body (none for a HEAD, a 304
   * or a 204).
   *
   * @param toHead whether the request was a HEAD
   */
  public static Exchange read(InputStream in, boolean toHead) throws IOException {
    String status = line(in);
    if (status == null) {
      throw new IOException("the server closed the connection before a response");
    }
    List<String> headers = new ArrayList<>();
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      headers.add(h);
    }
    Exchange head = new Exchange(status, headers, new byte[0]);
    if (head.header("transfer-encoding").isPresent()) {
      throw new IOException("chunked responses are not read here: " + headers);
    }
    int code = head.status();
    long length = toHead || code == 304 || code == 204 ? 0
        : Long.parseLong(head.header("content-length").orElse("0"));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (body.size() < length) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, length - body.size()));
      if (n < 0) {
        throw new IOException("the body ended after " + body.size() + " of " + length + " bytes");
      }
      body.write(buf, 0, n);
    }
    return new Exchange(status, headers, body.toByteArray());
  }

  /** One CRLF-terminated line without its end; null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return c == -1 && line.length() == 0 ? null : line.toString();
  }
}
