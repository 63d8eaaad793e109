package org.screenroom.server.ingest.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/** Redirect following and naming the downloaded file. Pure. */
public final class Hops {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._()\\- ]");
  private static final int MAX_NAME = 120;
  private static final String FALLBACK_NAME = "download";

  private Hops() {}

  /** Whether {@code status} sends the client elsewhere with a {@code Location}. */
  public static boolean isRedirect(int status) {
    return REDIRECTS.contains(status);
  }

  /**
   * The next address after a redirect from {@code current} to {@code location}.
   *
   * @param visited every address requested so far, {@code current} included
   * @throws FetchFailure when there is no usable target, a loop, or too many redirects
   */
  public static URI next(URI current, String location, Set<URI> visited, int maxRedirects) {
    if (location == null || location.isBlank()) {
      throw new FetchFailure("The address redirects without saying where to: use the file's "
          + "direct link, or upload the file instead.");
    }
    URI target;
    try {
      target = current.resolve(new URI(location.strip())).normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FetchFailure("The address redirects to an invalid address: use the file's direct "
          + "link, or upload the file instead.");
    }
    if (SourceUrl.problem(target).isPresent()) {
      throw new FetchFailure("The address redirects to " + describe(target) + ", which Screenroom "
          + "will not download: use the file's direct http or https link, or upload the file instead.");
    }
    if (visited.contains(target)) {
      throw new FetchFailure("The address redirects in a loop: open it in a browser to find the "
          + "file's direct link, then try again.");
    }
    if (visited.size() > maxRedirects) {
      throw new FetchFailure("The address redirects more than " + maxRedirects
          + " times: use the file's direct link, or upload the file instead.");
    }
    return target;
  }

  /**
   * The name to keep for a file downloaded from {@code uri}: the last path segment, decoded and
   * reduced to safe characters (it names the temporary file and appears in sentences).
   */
  public static String filename(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    String decoded;
    try {
      decoded = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = last;
    }
    String safe = UNSAFE.matcher(decoded).replaceAll("_").strip();
    if (safe.length() > MAX_NAME) {
      safe = safe.substring(safe.length() - MAX_NAME);
    }
    // "." and ".." (or only dots) would name a directory, never a file.
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? FALLBACK_NAME : safe;
  }

  /** Scheme and host only: never repeat a password or a signed query string. */
  private static String describe(URI target) {
    String scheme = target.getScheme() == null ? "a relative" : target.getScheme();
    return target.getHost() == null ? "a " + scheme + " address" : scheme + "://" + target.getHost();
  }
}
