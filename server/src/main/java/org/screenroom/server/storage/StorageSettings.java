package org.screenroom.server.storage;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where masters and packages are kept, validated by the config loader.
 *
 * @param kind local disk (the data directory) or an S3-compatible bucket
 * @param s3 the bucket's settings when {@code kind} is {@link Kind#S3}
 */
public record StorageSettings(Kind kind, Optional<S3> s3) {
  /** The storage kinds, as spelled in {@code storage=}. */
  public enum Kind { LOCAL, S3 }

  /** How segments kept in a bucket reach viewers ({@code s3-delivery=}). */
  public enum Delivery {
    /** Streamed from the bucket through Screenroom's hot path. */
    PROXY,
    /** A 302 to a presigned URL that expires with the playback token. */
    REDIRECT
  }

  /**
   * An S3-compatible bucket.
   *
   * @param endpoint the service address for MinIO, Ceph, R2 (path-style addressing is then
   *     used); empty for AWS S3 itself
   * @param bucket the bucket, which must exist
   * @param region the signing region ({@code us-east-1} suits most S3-compatible servers)
   * @param prefix put in front of every key ({@code screenroom/}), or empty
   * @param delivery how segments reach viewers
   * @param accessKey the access key id, else the SDK's default credential chain
   * @param secretKey the secret key, with {@code accessKey}
   */
  public record S3(Optional<URI> endpoint, String bucket, String region, String prefix,
      Delivery delivery, Optional<String> accessKey, Optional<String> secretKey) {
    @Override
    public String toString() {
      // Never the secret: this record reaches logs.
      return "S3[endpoint=" + endpoint.map(URI::toString).orElse("AWS") + ", bucket=" + bucket
          + ", region=" + region + ", prefix=" + prefix + ", delivery=" + delivery + "]";
    }
  }

  /** The default: files under the data directory, as always. */
  public static StorageSettings local() {
    return new StorageSettings(Kind.LOCAL, Optional.empty());
  }

  /** Adds the printable settings to the start-up log, secrets masked. */
  public void describe(Map<String, String> out) {
    out.put("storage", kind.name().toLowerCase(java.util.Locale.ROOT));
    s3.ifPresent(s -> {
      out.put("s3-endpoint", s.endpoint().map(URI::toString).orElse("(AWS S3)"));
      out.put("s3-bucket", s.bucket());
      out.put("s3-region", s.region());
      out.put("s3-prefix", s.prefix().isEmpty() ? "(none)" : s.prefix());
      out.put("s3-delivery", s.delivery().name().toLowerCase(java.util.Locale.ROOT));
      out.put("s3-credentials", s.accessKey().isPresent() ? "SCREENROOM_S3_ACCESS_KEY (set)"
          : "the AWS SDK's default chain");
    });
  }
}
