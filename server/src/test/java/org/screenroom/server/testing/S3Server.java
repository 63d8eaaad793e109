package org.screenroom.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.screenroom.server.storage.StorageSettings;

/**
 * A real S3 API server for tests: s3proxy on loopback port 0 over an in-memory blob store, with
 * AWS signature checking on (so signing and presigned URLs are really verified) and one bucket.
 */
public final class S3Server implements AutoCloseable {
  /** The access key the server accepts. */
  public static final String ACCESS_KEY = "screenroom-test";
  /** The secret key the server accepts. */
  public static final String SECRET_KEY = "screenroom-test-secret";

  private final BlobStoreContext context;
  private final S3Proxy proxy;
  private final String bucket;

  private S3Server(BlobStoreContext context, S3Proxy proxy, String bucket) {
    this.context = context;
    this.proxy = proxy;
    this.bucket = bucket;
  }

  /** Starts a server holding the empty bucket {@code bucket}. */
  public static S3Server start(String bucket) throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient-nio2")
        .credentials(ACCESS_KEY, SECRET_KEY)
        .overrides(new Properties())
        .build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    // Jetty's start returns once the connector is bound.
    proxy.start();
    context.getBlobStore().createContainerInLocation(null, bucket);
    return new S3Server(context, proxy, bucket);
  }

  /** The service address, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** The bucket. */
  public String bucket() {
    return bucket;
  }

  /** The blob store behind the server, to look at objects without the code under test. */
  public BlobStore blobs() {
    return context.getBlobStore();
  }

  /** Settings for this server's bucket under {@code prefix} ("" or ending in "/"). */
  public StorageSettings.S3 settings(String prefix, StorageSettings.Delivery delivery) {
    return new StorageSettings.S3(Optional.of(endpoint()), bucket, "us-east-1", prefix, delivery,
        Optional.of(ACCESS_KEY), Optional.of(SECRET_KEY));
  }

  /** Server configuration keys for this bucket (for {@code TestServer.start}). */
  public Map<String, String> config(String prefix, String delivery) {
    Map<String, String> out = new HashMap<>();
    out.put("storage", "s3");
    out.put("s3-endpoint", endpoint().toString());
    out.put("s3-bucket", bucket);
    out.put("s3-prefix", prefix);
    out.put("s3-delivery", delivery);
    out.put("s3-access-key", ACCESS_KEY);
    out.put("s3-secret-key", SECRET_KEY);
    return out;
  }

  /** The names of the bucket's objects under {@code prefix}, at any depth. */
  public List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
    for (StorageMetadata m : blobs().list(bucket(),
        ListContainerOptions.Builder.prefix(prefix).recursive())) {
      out.add(m.getName());
    }
    return out;
  }

  /** The bytes of the object {@code key}. */
  public byte[] bytes(String key) throws IOException {
    try (InputStream in = blobs().getBlob(bucket(), key).getPayload().openStream()) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
