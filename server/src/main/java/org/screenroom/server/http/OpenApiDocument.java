package org.screenroom.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3 description of the API ({@code /api/openapi.yaml}). */
public final class OpenApiDocument {
  private static final String RESOURCE = "openapi/screenroom.yaml";
  private final Buffer document;

  private OpenApiDocument(Buffer document) {
    this.document = document;
  }

  /** Reads the document from the classpath. */
  public static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new OpenApiDocument(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers the document. */
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(document);
  }
}
