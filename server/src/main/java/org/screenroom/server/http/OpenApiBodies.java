package org.screenroom.server.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Validates JSON request bodies against the schemas of the OpenAPI document the server serves,
 * so that document is the contract, not a description beside it. Each operation's
 * {@code application/json} schema is turned into a JSON Schema (2019-09): {@code $ref}s to
 * components inlined, OpenAPI 3.0's {@code nullable} as a {@code "null"} type. A body that does
 * not match answers 400 naming the field. The feature handlers still parse what they accept.
 */
public final class OpenApiBodies {
  private static final String RESOURCE = "openapi/screenroom.yaml";
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,100})\"");
  private static final String JSON = "application/json";
  /** Names the field of a request body that is a bare JSON array (an extension of ours). */
  private static final String ARRAY_FIELD = "x-screenroom-field";

  /** What checks one operation's body; {@code arrayField} names a body that is a bare array. */
  private record Check(Validator validator, String arrayField) {}

  private final Map<String, Check> checks;

  private OpenApiBodies(Map<String, Check> checks) {
    this.checks = Map.copyOf(checks);
  }

  /**
   * Reads the document from the classpath and builds a validator per JSON body.
   *
   * @throws IllegalStateException when the document is missing or malformed
   */
  public static OpenApiBodies load() {
    try (InputStream in = OpenApiBodies.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return of(new JsonObject(toJson(doc)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the validators from an OpenAPI 3.0 document. */
  static OpenApiBodies of(JsonObject doc) {
    JsonObject components = doc.getJsonObject("components", new JsonObject());
    Map<String, Check> out = new HashMap<>();
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        Object op = item.getValue(method);
        if (!(op instanceof JsonObject operation) || !operation.containsKey("requestBody")) {
          continue;
        }
        JsonObject schema = operation.getJsonObject("requestBody").getJsonObject("content", new JsonObject())
            .getJsonObject(JSON, new JsonObject()).getJsonObject("schema");
        if (schema != null) {
          JsonObject converted = (JsonObject) convert(schema, components, 0);
          // A bare array body has no field names of its own: the document says what to call it.
          String arrayField = schema.getString(ARRAY_FIELD, "body");
          out.put(key(method, path), new Check(Validator.create(JsonSchema.of(converted),
              new JsonSchemaOptions().setDraft(Draft.DRAFT201909).setBaseUri("https://screenroom.invalid/")
                  .setOutputFormat(io.vertx.json.schema.OutputFormat.Basic)), arrayField));
        }
      }
    }
    return new OpenApiBodies(out);
  }

  /** A route handler validating the body of {@code method path} (path as in the document). */
  public Handler<RoutingContext> operation(String method, String path) {
    Check check = checks.get(key(method, path));
    if (check == null) {
      throw new IllegalArgumentException("the OpenAPI document has no JSON body for " + method + " " + path);
    }
    return ctx -> {
      Optional<Object> body = jsonBody(ctx);
      if (body.isPresent()) {
        OutputUnit result = check.validator().validate(body.get());
        if (!Boolean.TRUE.equals(result.getValid())) {
          Problem p = problem(result, check.arrayField());
          ctx.fail(ApiError.badField(p.field(), p.sentence()));
          return;
        }
      }
      ctx.next();
    };
  }

  /** The failed validation of {@code body} for an operation, or empty when it conforms. */
  Optional<OutputUnit> validate(String method, String path, Object body) {
    OutputUnit result = checks.get(key(method, path)).validator().validate(body);
    return Boolean.TRUE.equals(result.getValid()) ? Optional.empty() : Optional.of(result);
  }

  /** What a bare array body of the operation is called in errors. */
  String arrayField(String method, String path) {
    return checks.get(key(method, path)).arrayField();
  }

  /** The field at fault and a sentence, from the validator's output; pure. */
  static Problem problem(OutputUnit result, String arrayField) {
    List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty()
        ? List.of(result) : result.getErrors();
    // The deepest location names the field best ("/credits/0/name" rather than ""); at one
    // location, a concrete complaint ("type number is invalid") beats a summary ("Property
    // \"title\" does not match schema", "does not match every subschema").
    OutputUnit worst = errors.stream()
        .max(java.util.Comparator.<OutputUnit>comparingInt(e -> location(e).length())
            .thenComparingInt(OpenApiBodies::specificity))
        .orElse(result);
    String location = location(worst);
    String error = worst.getError() == null ? "does not match the API description" : worst.getError();
    String field;
    if (!location.isEmpty()) {
      field = location.substring(1).split("/")[0];
      if (field.chars().allMatch(Character::isDigit)) {
        field = arrayField;
      }
    } else if (!"body".equals(arrayField)) {
      field = arrayField;
    } else {
      Matcher m = QUOTED.matcher(error);
      field = m.find() ? m.group(1) : "body";
    }
    String where = location.isEmpty() ? field : location.substring(1).replace('/', '.');
    return new Problem(field, "The field '" + where + "' is not valid: " + lowerFirst(error)
        + ". See /api/openapi.yaml for what this endpoint accepts.");
  }

  private static int specificity(OutputUnit unit) {
    String error = unit.getError() == null ? "" : unit.getError();
    if (error.contains("subschema")) {
      return 0;
    }
    if (error.startsWith("Property \"")) {
      return 1;
    }
    return QUOTED.matcher(error).find() ? 3 : 2;
  }

  /** A field and the sentence about it. */
  record Problem(String field, String sentence) {}

  private static String location(OutputUnit unit) {
    String l = unit.getInstanceLocation();
    if (l == null) {
      return "";
    }
    return l.startsWith("#") ? l.substring(1) : l;
  }

  private static String lowerFirst(String s) {
    String trimmed = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    return trimmed.isEmpty() ? trimmed : trimmed.substring(0, 1).toLowerCase(Locale.ROOT) + trimmed.substring(1);
  }

  private static Optional<Object> jsonBody(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (ctx.body() == null || ctx.body().length() == 0 || type == null
        || !type.toLowerCase(Locale.ROOT).startsWith(JSON)) {
      // The feature handler answers 400/415 for a missing or non-JSON body in its own words.
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(io.vertx.core.json.Json.decodeValue(ctx.body().buffer()));
    } catch (io.vertx.core.json.DecodeException e) {
      return Optional.empty();
    }
  }

  private static String key(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }

  /** OpenAPI 3.0 schema to JSON Schema 2019-09: refs inlined, nullable as a null type. */
  private static Object convert(Object node, JsonObject components, int depth) {
    if (depth > 32) {
      throw new IllegalStateException("the OpenAPI schemas nest or refer to themselves too deeply");
    }
    if (node instanceof JsonArray array) {
      JsonArray out = new JsonArray();
      array.forEach(v -> out.add(convert(v, components, depth + 1)));
      return out;
    }
    if (!(node instanceof JsonObject o)) {
      return node;
    }
    if (o.containsKey("$ref")) {
      String ref = o.getString("$ref");
      String prefix = "#/components/schemas/";
      if (!ref.startsWith(prefix)) {
        throw new IllegalStateException("unsupported $ref " + ref);
      }
      return convert(components.getJsonObject("schemas").getJsonObject(ref.substring(prefix.length())),
          components, depth + 1);
    }
    JsonObject out = new JsonObject();
    for (String k : o.fieldNames()) {
      if (k.equals("nullable") || k.equals("example") || k.equals("readOnly") || k.equals("writeOnly")
          || k.startsWith("x-")) {
        continue;
      }
      out.put(k, convert(o.getValue(k), components, depth + 1));
    }
    if (Boolean.TRUE.equals(o.getBoolean("nullable"))) {
      Object type = out.getValue("type");
      if (type instanceof String t) {
        out.put("type", new JsonArray().add(t).add("null"));
      }
      if (out.containsKey("enum")) {
        out.getJsonArray("enum").add((Object) null);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toJson(Object yaml) {
    return (Map<String, Object>) normalize(yaml);
  }

  /** YAML maps with non-string keys (status codes) become string-keyed, as JSON needs. */
  private static Object normalize(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), normalize(val)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(OpenApiBodies::normalize).toList();
    }
    if (v instanceof java.util.Date d) {
      return d.toInstant().toString();
    }
    return v;
  }
}
