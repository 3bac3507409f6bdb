package io.kinora.platform.http;

import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Set;

/** Reads and checks request bodies and query parameters; every problem is INVALID_INPUT naming the field. */
public final class Bodies {

  private Bodies() {
  }

  /**
   * The JSON object body, with only {@code allowed} fields. A body in any other content type is
   * refused with 415 before it is read: an HTML form on another site can post {@code text/plain}
   * or a form type without a preflight (login CSRF), never {@code application/json}.
   */
  public static JsonObject object(RoutingContext ctx, Set<String> allowed) {
    if (ctx.body().length() > 0 && !isJson(ctx.request().getHeader("Content-Type"))) {
      throw new KinoraException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Send the body as JSON, with Content-Type: application/json.");
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw KinoraException.invalid("The body must be a JSON object.");
    }
    if (body == null) {
      throw KinoraException.invalid("The body must be a JSON object.");
    }
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw KinoraException.invalid("Unknown field '" + field + "'; allowed: " + String.join(", ", allowed) + ".");
      }
    }
    return body;
  }

  public static String string(JsonObject body, String field, int maxLength, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required) {
        throw KinoraException.invalid("'" + field + "' is required.");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      throw KinoraException.invalid("'" + field + "' must be a string.");
    }
    if (text.length() > maxLength) {
      throw KinoraException.invalid("'" + field + "' must be at most " + maxLength + " characters.");
    }
    if (required && text.isBlank()) {
      throw KinoraException.invalid("'" + field + "' must not be empty.");
    }
    return text;
  }

  public static long positiveLong(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof Number number) || number.doubleValue() != Math.floor(number.doubleValue())) {
      throw KinoraException.invalid("'" + field + "' is required and must be a whole number of bytes.");
    }
    if (number.longValue() <= 0) {
      throw KinoraException.invalid("'" + field + "' must be greater than zero.");
    }
    return number.longValue();
  }

  /** The boolean, or null when the field is absent. */
  public static Boolean optionalBoolean(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof Boolean)) {
      throw KinoraException.invalid("'" + field + "' must be true or false.");
    }
    return (Boolean) value;
  }

  /** A whole-number query parameter within [min, max], or {@code fallback} when absent. */
  public static int intParam(RoutingContext ctx, String name, int min, int max, int fallback) {
    return intParam(ctx.request().getParam(name), name, min, max, fallback);
  }

  /** {@code raw}, the value of query parameter {@code name}, read as {@link #intParam(RoutingContext, String, int, int, int)} does. */
  public static int intParam(String raw, String name, int min, int max, int fallback) {
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw KinoraException.invalid("'" + name + "' must be a whole number.");
    }
    if (value < min || value > max) {
      throw KinoraException.invalid("'" + name + "' must be between " + min + " and " + max + ".");
    }
    return value;
  }

  /** True for {@code application/json}, with or without parameters (a charset), in any letter case. */
  public static boolean isJson(String contentType) {
    return mediaType(contentType).equals("application/json");
  }

  /** True for {@code multipart/form-data} in any letter case, whatever the default locale. */
  public static boolean isMultipartForm(String contentType) {
    return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /** True for a raw {@code image/*} body in any letter case (streamed by its handler, not read here). */
  public static boolean isImage(String contentType) {
    return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("image/");
  }

  /**
   * True for a raw caption file, {@code text/vtt} (WebVTT) or {@code application/x-subrip}
   * (SubRip, also sent as {@code text/srt}): streamed by its handler, like a picture.
   */
  public static boolean isCaptionFile(String contentType) {
    String type = mediaType(contentType);
    return type.equals("text/vtt") || type.equals("application/x-subrip") || type.equals("text/srt");
  }

  /** The media type without its parameters, in lower case whatever the default locale; "" for none. */
  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int params = contentType.indexOf(';');
    return (params < 0 ? contentType : contentType.substring(0, params)).trim().toLowerCase(Locale.ROOT);
  }
}
