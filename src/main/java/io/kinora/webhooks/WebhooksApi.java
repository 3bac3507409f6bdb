package io.kinora.webhooks;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.Responses;
import io.kinora.platform.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person's outgoing webhooks: register an endpoint (its signing secret is in that answer only),
 * list and delete them, read an endpoint's delivery log and resend a delivery. Every route is the
 * caller's own: someone else's endpoint answers 404, exactly as one that does not exist.
 */
public final class WebhooksApi implements Feature {

  /** What ids Kinora makes: checked before any lookup. */
  private static final Pattern ENDPOINT_ID = Pattern.compile("wh_[A-Za-z0-9_-]{16}");
  private static final Pattern DELIVERY_ID = Pattern.compile("evt_[A-Za-z0-9_-]{22}\\.wh_[A-Za-z0-9_-]{16}");

  private final EndpointStore endpoints;
  private final DeliveryQueue deliveries;
  private final DestinationCheck destinations;
  private final WebhookSettings settings;

  public WebhooksApi(Vertx vertx, RedisStore redis, WebhookSettings settings) {
    this.endpoints = new EndpointStore(redis);
    this.deliveries = new DeliveryQueue(redis);
    this.destinations = new DestinationCheck(vertx, settings.allowPrivate());
    this.settings = settings;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/me/webhooks").handler(this::create);
    router.get("/api/me/webhooks").handler(this::list);
    router.delete("/api/me/webhooks/:endpointId").handler(this::delete);
    router.get("/api/me/webhooks/:endpointId/deliveries").handler(this::log);
    router.post("/api/me/webhooks/:endpointId/deliveries/:deliveryId/resend").handler(this::resend);
  }

  /** {@code POST /api/me/webhooks {url}}: 201 with the secret, which is never shown again. */
  private void create(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    JsonObject body = Bodies.object(ctx, Set.of("url"));
    EndpointUrl url = EndpointUrl.parse(Bodies.string(body, "url", EndpointUrl.MAX_LENGTH, true));
    destinations.resolve(url)
        .compose(address -> endpoints.add(caller.userId(), url.url(), settings.maxEndpoints()))
        .onSuccess(endpoint -> {
          if (endpoint == null) {
            ctx.fail(KinoraException.conflict("You have " + settings.maxEndpoints()
                + " webhook endpoints, the most allowed; delete one first."));
          } else {
            Responses.json(ctx, 201, endpoint.toPublicJson().put("secret", endpoint.secret()));
          }
        })
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/me/webhooks}: without the secrets. */
  private void list(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    endpoints.list(caller.userId())
        .onSuccess(items -> Responses.json(ctx, 200, new JsonObject().put("items", items)))
        .onFailure(ctx::fail);
  }

  /** {@code DELETE /api/me/webhooks/{id}}: deliveries still due for it are dropped. */
  private void delete(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    String id = endpointId(ctx);
    endpoints.remove(caller.userId(), id)
        .onSuccess(found -> {
          if (found) {
            Responses.noContent(ctx);
          } else {
            ctx.fail(noSuchEndpoint());
          }
        })
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/me/webhooks/{id}/deliveries}: the last attempts, newest first. */
  private void log(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    String id = endpointId(ctx);
    owned(caller, id)
        .compose(endpoint -> deliveries.log(id))
        .onSuccess(items -> Responses.json(ctx, 200, new JsonObject().put("items", items)))
        .onFailure(ctx::fail);
  }

  /** {@code POST /api/me/webhooks/{id}/deliveries/{deliveryId}/resend}: 202, sent again within a second or so. */
  private void resend(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    String id = endpointId(ctx);
    String deliveryId = ctx.pathParam("deliveryId");
    if (!DELIVERY_ID.matcher(deliveryId).matches()) {
      throw noSuchDelivery();
    }
    owned(caller, id)
        .compose(endpoint -> deliveries.resend(id, deliveryId))
        .onSuccess(outcome -> {
          switch (outcome) {
            case RESENT -> Responses.json(ctx, 202, new JsonObject().put("id", deliveryId).put("state", "pending"));
            case IN_FLIGHT -> ctx.fail(KinoraException.conflict(
                "This delivery is being sent right now; look at the log again in a few seconds."));
            default -> ctx.fail(noSuchDelivery());
          }
        })
        .onFailure(ctx::fail);
  }

  private Future<Endpoint> owned(Caller caller, String id) {
    return endpoints.find(caller.userId(), id).map(endpoint -> {
      if (endpoint == null) {
        throw noSuchEndpoint();
      }
      return endpoint;
    });
  }

  private static String endpointId(RoutingContext ctx) {
    String id = ctx.pathParam("endpointId");
    if (!ENDPOINT_ID.matcher(id).matches()) {
      throw noSuchEndpoint();
    }
    return id;
  }

  private static KinoraException noSuchEndpoint() {
    return KinoraException.notFound("You have no webhook endpoint with this id.");
  }

  private static KinoraException noSuchDelivery() {
    return KinoraException.notFound("This endpoint has no delivery with this id (deliveries are kept 7 days).");
  }
}
