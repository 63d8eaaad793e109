package org.screenroom.server.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.screenroom.server.storage.StorageKey;
import org.screenroom.server.storage.StorageSettings;
import org.screenroom.server.storage.StorageSettings.Delivery;

/**
 * Reads and checks {@code storage} and the {@code s3-*} keys. Pure: values come through the
 * loader's lookup, problems are added to its list with a sentence saying how to fix each.
 */
final class StorageConfigs {
  /** S3 bucket names: 3..63 lower-case letters, digits, dots and hyphens. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");
  private static final List<String> S3_KEYS = List.of("s3-endpoint", "s3-bucket", "s3-region",
      "s3-prefix", "s3-delivery", "s3-access-key", "s3-secret-key");
  /** What MinIO, Ceph and most S3-compatible servers expect when no region is configured. */
  static final String DEFAULT_REGION = "us-east-1";

  private StorageConfigs() {}

  /**
   * The storage settings.
   *
   * @param get looks a key up through flags, environment and file
   * @param describe names where a key's value came from, for messages
   */
  static StorageSettings load(Function<String, Optional<String>> get,
      Function<String, String> describe, List<String> problems) {
    String kind = get.apply("storage").orElse("local").toLowerCase(Locale.ROOT);
    if (!kind.equals("local") && !kind.equals("s3")) {
      problems.add(describe.apply("storage") + " = '" + kind
          + "' is not a storage: use local (the data directory) or s3 (an S3-compatible bucket).");
      return StorageSettings.local();
    }
    if (kind.equals("local")) {
      for (String key : S3_KEYS) {
        if (get.apply(key).isPresent()) {
          problems.add(describe.apply(key) + " is set but storage is local: set storage=s3 to"
              + " keep films in a bucket, or unset " + key + ".");
        }
      }
      return StorageSettings.local();
    }
    Optional<URI> endpoint = get.apply("s3-endpoint").flatMap(e -> endpoint(e, describe, problems));
    String bucket = get.apply("s3-bucket").orElse("");
    if (!BUCKET.matcher(bucket).matches()) {
      problems.add(bucket.isEmpty()
          ? "s3-bucket is required with storage=s3: set SCREENROOM_S3_BUCKET to an existing bucket."
          : describe.apply("s3-bucket") + " = '" + bucket + "' is not a bucket name: use 3 to 63"
              + " lower-case letters, digits, dots and hyphens.");
    }
    String region = get.apply("s3-region").orElse(DEFAULT_REGION);
    if (!REGION.matcher(region).matches()) {
      problems.add(describe.apply("s3-region") + " = '" + region + "' is not a region: use e.g. "
          + DEFAULT_REGION + " or eu-central-1 (R2: auto).");
    }
    String prefix = get.apply("s3-prefix").map(p -> p.replaceAll("^/+|/+$", "")).orElse("");
    if (!prefix.isEmpty() && !StorageKey.valid(prefix)) {
      problems.add(describe.apply("s3-prefix") + " = '" + prefix + "' is not a key prefix: use"
          + " letters, digits, '.', '_', '-' and '/' (e.g. screenroom/production).");
    }
    Delivery delivery = delivery(get.apply("s3-delivery").orElse("proxy"), describe, problems);
    Optional<String> access = get.apply("s3-access-key");
    Optional<String> secret = get.apply("s3-secret-key");
    if (access.isPresent() != secret.isPresent()) {
      problems.add("SCREENROOM_S3_ACCESS_KEY and SCREENROOM_S3_SECRET_KEY go together: set both,"
          + " or neither to use the AWS SDK's default credentials (environment, profile, role).");
    }
    return new StorageSettings(StorageSettings.Kind.S3, Optional.of(new StorageSettings.S3(
        endpoint, bucket, region, prefix.isEmpty() ? "" : prefix + "/", delivery, access, secret)));
  }

  private static Optional<URI> endpoint(String raw, Function<String, String> describe,
      List<String> problems) {
    try {
      URI uri = URI.create(raw.replaceAll("/+$", ""));
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty())) {
        return Optional.of(uri);
      }
    } catch (IllegalArgumentException e) {
      // reported below with an example
    }
    problems.add(describe.apply("s3-endpoint") + " = '" + raw + "' is not a service address:"
        + " use e.g. http://minio:9000 (no bucket or path), or unset it for AWS S3.");
    return Optional.empty();
  }

  private static Delivery delivery(String raw, Function<String, String> describe,
      List<String> problems) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "proxy" -> Delivery.PROXY;
      case "redirect" -> Delivery.REDIRECT;
      default -> {
        problems.add(describe.apply("s3-delivery") + " = '" + raw + "' is not a delivery: use"
            + " proxy (segments stream through Screenroom) or redirect (302 to a presigned URL).");
        yield Delivery.PROXY;
      }
    };
  }
}
