package io.kinora.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/** Reads and checks JSON request bodies; every problem becomes a 400 that names the field. */
public final class Bodies {

  private Bodies() {
  }

  public static JsonObject object(RoutingContext ctx, Set<String> allowed) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw ApiError.badRequest("The body must be a JSON object.");
    }
    if (body == null) {
      throw ApiError.badRequest("The body must be a JSON object.");
    }
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw ApiError.badRequest("Unknown field '" + field + "'; allowed: " + String.join(", ", allowed) + ".");
      }
    }
    return body;
  }

  public static String string(JsonObject body, String field, int maxLength, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required) {
        throw ApiError.badRequest("'" + field + "' is required.");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      throw ApiError.badRequest("'" + field + "' must be a string.");
    }
    if (text.length() > maxLength) {
      throw ApiError.badRequest("'" + field + "' must be at most " + maxLength + " characters.");
    }
    if (required && text.isBlank()) {
      throw ApiError.badRequest("'" + field + "' must not be empty.");
    }
    return text;
  }

  public static long positiveLong(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof Number number) || number.doubleValue() != Math.floor(number.doubleValue())) {
      throw ApiError.badRequest("'" + field + "' is required and must be a whole number of bytes.");
    }
    if (number.longValue() <= 0) {
      throw ApiError.badRequest("'" + field + "' must be greater than zero.");
    }
    return number.longValue();
  }
}
