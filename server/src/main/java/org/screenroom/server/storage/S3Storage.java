package org.screenroom.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Cloudflare R2) through the AWS SDK
 * v2's synchronous client. A custom endpoint switches to path-style addressing, which every
 * S3-compatible server understands. Checksums are sent only where the API requires them, since
 * not every S3-compatible server knows the SDK's newer default checksum headers.
 */
public final class S3Storage implements Storage, AutoCloseable {
  /** S3's DeleteObjects takes at most this many keys per request. */
  private static final int DELETE_BATCH = 1000;
  private static final int NOT_IMPLEMENTED = 501;
  /** The readiness probe's bound on one HeadBucket. */
  static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(S3Storage.class);

  private final S3Client client;
  private final S3Presigner presigner;
  private final String bucket;
  private final String prefix;
  private final String description;
  /** Cleared once the server answered a batch delete with 501. */
  private volatile boolean batchDeletes = true;

  private S3Storage(S3Client client, S3Presigner presigner, String bucket, String prefix,
      String description) {
    this.client = client;
    this.presigner = presigner;
    this.bucket = bucket;
    this.prefix = prefix;
    this.description = description;
  }

  /** Connects to the bucket of {@code s3} (no request is made yet). */
  public static S3Storage connect(StorageSettings.S3 s3) {
    AwsCredentialsProvider credentials = s3.accessKey().isPresent()
        ? StaticCredentialsProvider.create(
            AwsBasicCredentials.create(s3.accessKey().get(), s3.secretKey().orElse("")))
        : DefaultCredentialsProvider.builder().build();
    Region region = Region.of(s3.region());
    S3Configuration service = S3Configuration.builder()
        .pathStyleAccessEnabled(s3.endpoint().isPresent()).build();
    var builder = S3Client.builder()
        .region(region)
        .credentialsProvider(credentials)
        .serviceConfiguration(service)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(ApacheHttpClient.builder());
    var presign = S3Presigner.builder().region(region).credentialsProvider(credentials)
        .serviceConfiguration(service);
    s3.endpoint().ifPresent(e -> {
      builder.endpointOverride(e);
      presign.endpointOverride(e);
    });
    return new S3Storage(builder.build(), presign.build(), s3.bucket(), s3.prefix(),
        "s3 " + s3.endpoint().map(URI::toString).orElse("AWS " + s3.region()) + " bucket "
            + s3.bucket() + (s3.prefix().isEmpty() ? "" : " prefix " + s3.prefix()));
  }

  private String objectKey(String key) {
    return prefix + StorageKey.require(key);
  }

  @Override
  public void put(String key, Path source) throws IOException {
    String k = objectKey(key);
    if (!Files.isRegularFile(source)) {
      throw new NoSuchFileException(source.toString());
    }
    long size = Files.size(source);
    call(() -> client.putObject(b -> b.bucket(bucket).key(k).contentLength(size),
        RequestBody.fromFile(source)));
  }

  @Override
  public void get(String key, Path target) throws IOException {
    Path partial = target.resolveSibling(".get-" + target.getFileName() + "-" + System.nanoTime());
    try (InputStream in = open(key, 0, -1)) {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  @Override
  public InputStream open(String key, long first, long length) throws IOException {
    String k = objectKey(key);
    GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(k);
    if (first > 0 || length >= 0) {
      // Range passed through: the bucket sends only the bytes asked for.
      request.range("bytes=" + first + "-" + (length < 0 ? "" : Long.toString(first + length - 1)));
    }
    ResponseInputStream<GetObjectResponse> in = call(() -> client.getObject(request.build()),
        key);
    return new AbortingStream(in);
  }

  @Override
  public Optional<StoredObject> stat(String key) throws IOException {
    String k = objectKey(key);
    try {
      HeadObjectResponse head = call(() -> client.headObject(b -> b.bucket(bucket).key(k)), key);
      return Optional.of(new StoredObject(key, head.contentLength(), head.lastModified(),
          quoted(head.eTag())));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<StoredObject> list(String keyPrefix) throws IOException {
    StorageKey.requirePrefix(keyPrefix);
    ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket)
        .prefix(prefix + keyPrefix).build();
    List<StoredObject> out = new ArrayList<>();
    call(() -> {
      for (S3Object o : client.listObjectsV2Paginator(request).contents()) {
        String key = o.key().substring(prefix.length());
        if (StorageKey.valid(key)) {
          out.add(new StoredObject(key, o.size(), o.lastModified(), quoted(o.eTag())));
        }
      }
      return null;
    });
    out.sort(Comparator.comparing(StoredObject::key));
    return out;
  }

  @Override
  public void delete(String key) throws IOException {
    String k = objectKey(key);
    call(() -> client.deleteObject(b -> b.bucket(bucket).key(k)));
  }

  @Override
  public int deleteAll(String keyPrefix) throws IOException {
    List<StoredObject> all = list(keyPrefix);
    for (int from = 0; from < all.size(); from += DELETE_BATCH) {
      List<StoredObject> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
      if (!batchDeletes || !deleteBatch(batch, keyPrefix)) {
        for (StoredObject o : batch) {
          delete(o.key());
        }
      }
    }
    return all.size();
  }

  /**
   * One DeleteObjects request; false when the server does not implement it (it needs a checksum
   * header some S3-compatible servers refuse with 501), after which objects go one by one.
   */
  private boolean deleteBatch(List<StoredObject> batch, String keyPrefix) throws IOException {
    List<ObjectIdentifier> ids = batch.stream()
        .map(o -> ObjectIdentifier.builder().key(prefix + o.key()).build()).toList();
    DeleteObjectsResponse answer;
    try {
      answer = client.deleteObjects(b -> b.bucket(bucket)
          .delete(Delete.builder().objects(ids).quiet(true).build()));
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_IMPLEMENTED) {
        LOG.info("{} has no batch delete ({}): deleting objects one by one", description,
            e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
        batchDeletes = false;
        return false;
      }
      return call(() -> {
        throw e;
      });
    } catch (SdkException e) {
      return call(() -> {
        throw e;
      });
    }
    if (answer.hasErrors() && !answer.errors().isEmpty()) {
      throw new IOException("could not delete " + answer.errors().size() + " object(s) under "
          + keyPrefix + ": " + answer.errors().get(0).message());
    }
    return true;
  }

  /**
   * One HeadBucket, given {@link #PING_TIMEOUT} in all (retries included): a readiness probe
   * must answer quickly, and a load balancer asks again soon anyway.
   */
  @Override
  public void ping() throws IOException {
    call(() -> client.headBucket(b -> b.bucket(bucket).overrideConfiguration(o -> o
        .apiCallTimeout(PING_TIMEOUT))));
  }

  @Override
  public Optional<URI> presign(String key, Duration ttl) {
    String k = objectKey(key);
    try {
      return Optional.of(presigner.presignGetObject(p -> p.signatureDuration(ttl)
          .getObjectRequest(g -> g.bucket(bucket).key(k))).url().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("the SDK presigned an invalid URL for " + key, e);
    }
  }

  @Override
  public Optional<Path> localPath(String key) {
    return Optional.empty();
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    presigner.close();
    client.close();
  }

  /**
   * Closing a response before its end would make the HTTP client read the rest to reuse the
   * connection (a whole segment for a viewer who left): abort it instead.
   */
  private static final class AbortingStream extends java.io.FilterInputStream {
    private final ResponseInputStream<?> response;
    private boolean ended;

    AbortingStream(ResponseInputStream<?> response) {
      super(response);
      this.response = response;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      ended |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      ended |= n < 0;
      return n;
    }

    @Override
    public void close() throws IOException {
      if (!ended) {
        response.abort();
      }
      super.close();
    }
  }

  /** S3 ETags come quoted from most servers, bare from some: always quoted here. */
  private static String quoted(String etag) {
    if (etag == null) {
      return "\"\"";
    }
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }

  /** A blocking S3 call. */
  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException;
  }

  private static <T> T call(Call<T> call) throws IOException {
    return call(call, null);
  }

  /**
   * Runs an S3 call, turning a 404 on {@code key} into {@link NoSuchFileException} and any other
   * SDK failure into an {@link IOException} that says what the bucket answered.
   */
  private static <T> T call(Call<T> call, String key) throws IOException {
    try {
      return call.run();
    } catch (S3Exception e) {
      if (key != null && e.statusCode() == 404) {
        throw new NoSuchFileException(key);
      }
      throw new IOException("object storage answered " + e.statusCode() + ": "
          + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), e);
    } catch (SdkException e) {
      throw new IOException("object storage cannot be reached: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
