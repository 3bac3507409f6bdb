package io.kinora.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StorageWebhookTest {

  private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";
  private static final String OTHER_ID = "Zx9_-Qw3ErTy7UiOp0aSdF";

  /** One record as MinIO's webhook target sends it (object keys are URL-encoded). */
  private static JsonObject record(String eventName, String bucket, String encodedKey) {
    return new JsonObject("""
        {
          "eventVersion": "2.0",
          "eventSource": "minio:s3",
          "awsRegion": "",
          "eventTime": "2025-03-14T09:26:53.589Z",
          "eventName": "%s",
          "userIdentity": {"principalId": "kinora"},
          "requestParameters": {"principalId": "kinora", "region": "", "sourceIPAddress": "172.18.0.1"},
          "responseElements": {
            "x-amz-id-2": "dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8",
            "x-amz-request-id": "182C9B8F0B0A6F3E",
            "x-minio-deployment-id": "5f8e8f4c-2a8f-4d1e-9b1c-0d2c7d0c1b9a",
            "x-minio-origin-endpoint": "http://172.18.0.2:9000"
          },
          "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": "Config",
            "bucket": {
              "name": "%s",
              "ownerIdentity": {"principalId": "kinora"},
              "arn": "arn:aws:s3:::%s"
            },
            "object": {
              "key": "%s",
              "size": 10485760,
              "eTag": "9b2cf535f27731c974343645a3985328-2",
              "contentType": "video/mp4",
              "userMetadata": {"content-type": "video/mp4"},
              "sequencer": "182C9B8F0C4A0B21"
            }
          },
          "source": {"host": "172.18.0.1", "port": "", "userAgent": "MinIO (linux; amd64) minio-go/v7.0.70"}
        }
        """.formatted(eventName, bucket, bucket, encodedKey));
  }

  private static JsonObject event(JsonObject... records) {
    JsonObject first = records.length == 0 ? new JsonObject() : records[0];
    String bucket = first.getJsonObject("s3", new JsonObject()).getJsonObject("bucket", new JsonObject())
        .getString("name", "");
    String key = first.getJsonObject("s3", new JsonObject()).getJsonObject("object", new JsonObject())
        .getString("key", "");
    return new JsonObject()
        .put("EventName", first.getString("eventName", ""))
        .put("Key", bucket + "/" + key)
        .put("Records", new JsonArray(new ArrayList<>(List.of((Object[]) records))));
  }

  @Test
  void createdOriginalInTheUploadsBucketYieldsItsVideoId() {
    JsonObject event = event(record("s3:ObjectCreated:Put", "uploads", ID + "%2Foriginal"));

    assertEquals(List.of(ID), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void multipartCompletionCountsAsCreated() {
    JsonObject event = event(record("s3:ObjectCreated:CompleteMultipartUpload", "uploads", ID + "%2Foriginal"));

    assertEquals(List.of(ID), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void keyThatIsNotEncodedIsAcceptedToo() {
    JsonObject event = event(record("s3:ObjectCreated:Put", "uploads", ID + "/original"));

    assertEquals(List.of(ID), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void idsWithDashesAndUnderscoresAreKept() {
    JsonObject event = event(record("s3:ObjectCreated:Put", "uploads", OTHER_ID + "%2Foriginal"));

    assertEquals(List.of(OTHER_ID), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void everyRecordOfTheEventIsConsideredInOrder() {
    JsonObject event = event(
        record("s3:ObjectCreated:Put", "uploads", ID + "%2Foriginal"),
        record("s3:ObjectCreated:Put", "uploads", OTHER_ID + "%2Foriginal"));

    assertEquals(List.of(ID, OTHER_ID), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void objectsInOtherBucketsAreIgnored() {
    JsonObject event = event(record("s3:ObjectCreated:Put", "media", ID + "%2Foriginal"));

    assertEquals(List.of(), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void removalsAreIgnored() {
    JsonObject event = event(record("s3:ObjectRemoved:Delete", "uploads", ID + "%2Foriginal"));

    assertEquals(List.of(), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void readsAreIgnored() {
    JsonObject event = event(record("s3:ObjectAccessed:Get", "uploads", ID + "%2Foriginal"));

    assertEquals(List.of(), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void otherObjectNamesAreIgnored() {
    JsonObject event = event(
        record("s3:ObjectCreated:Put", "uploads", ID + "%2Fposter.jpg"),
        record("s3:ObjectCreated:Put", "uploads", ID + "%2Foriginal.mp4"),
        record("s3:ObjectCreated:Put", "uploads", ID + "%2Fsub%2Foriginal"),
        record("s3:ObjectCreated:Put", "uploads", ID),
        record("s3:ObjectCreated:Put", "uploads", "original"));

    assertEquals(List.of(), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void malformedIdsAreIgnored() {
    JsonObject event = event(
        record("s3:ObjectCreated:Put", "uploads", "short%2Foriginal"),
        record("s3:ObjectCreated:Put", "uploads", ID + "A%2Foriginal"),
        record("s3:ObjectCreated:Put", "uploads", "AAAAAAAAAAAAAAAAAAAAA%2E%2Foriginal"),
        record("s3:ObjectCreated:Put", "uploads", "%2E%2E%2Foriginal"),
        record("s3:ObjectCreated:Put", "uploads", "%2Foriginal"));

    assertEquals(List.of(), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void recordsThatAreNotObjectsAreSkipped() {
    JsonObject event = event(record("s3:ObjectCreated:Put", "uploads", ID + "%2Foriginal"));
    event.getJsonArray("Records").add("junk").add(42).addNull();

    assertEquals(List.of(ID), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void recordWithoutS3SectionIsIgnored() {
    JsonObject event = new JsonObject().put("Records",
        new JsonArray().add(new JsonObject().put("eventName", "s3:ObjectCreated:Put")));

    assertEquals(List.of(), StorageWebhook.uploadedVideoIds(event));
  }

  @Test
  void emptyRecordsYieldNothing() {
    assertEquals(List.of(), StorageWebhook.uploadedVideoIds(new JsonObject().put("Records", new JsonArray())));
  }

  @Test
  void eventWithoutRecordsIsABadRequest() {
    JsonObject event = new JsonObject().put("EventName", "s3:ObjectCreated:Put").put("Key", "uploads/" + ID + "/original");

    KinoraException error = assertThrows(KinoraException.class, () -> StorageWebhook.uploadedVideoIds(event));

    assertEquals(ErrorCode.INVALID_INPUT, error.code());
  }

  @Test
  void recordsThatAreNotAnArrayAreABadRequest() {
    JsonObject event = new JsonObject().put("Records", new JsonObject());

    KinoraException error = assertThrows(KinoraException.class, () -> StorageWebhook.uploadedVideoIds(event));

    assertEquals(ErrorCode.INVALID_INPUT, error.code());
  }
}
