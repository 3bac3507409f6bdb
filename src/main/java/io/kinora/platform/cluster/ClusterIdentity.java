package io.kinora.platform.cluster;

import io.kinora.platform.auth.Secrets;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What the members of one deployment share, all derived from its cluster secret: the Hazelcast
 * cluster name, and one TLS identity for the clustered event bus. The identity is an Ed25519 key
 * whose private bytes are an HMAC of the secret (so every node derives the same key without
 * copying files around) in a self-signed certificate. Members present it as server and as client
 * and trust exactly it: a process without the secret can neither open a member's event-bus port
 * nor pass as a member to one.
 */
public final class ClusterIdentity {

  /** Protects nothing (the store never leaves memory); PKCS12 wants one. */
  private static final char[] PASSWORD = "kinora-cluster".toCharArray();

  private final String clusterName;
  private final KeyPair keys;
  private final X509Certificate certificate;

  private ClusterIdentity(String clusterName, KeyPair keys, X509Certificate certificate) {
    this.clusterName = clusterName;
    this.keys = keys;
    this.certificate = certificate;
  }

  public static ClusterIdentity derive(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the cluster secret is empty");
    }
    try {
      String name = "kinora-" + HexFormat.of().formatHex(hmac(secret, "hazelcast cluster name")).substring(0, 16);
      KeyPair keys = ed25519(hmac(secret, "event-bus tls key"));
      return new ClusterIdentity(name, keys, SelfSignedCertificate.of(keys, "kinora-cluster"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot derive the cluster's TLS identity (Ed25519)", e);
    }
  }

  /**
   * Different for every secret, so another deployment or the public default never merges in. Not
   * itself a secret: Hazelcast sends it in clear text on the cluster network.
   */
  public String clusterName() {
    return clusterName;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * The key and certificate every member presents, as server and as client: a PKCS12 store in
   * memory. (Vert.x copies the event bus's options through JSON, which only the PFX, JKS and PEM
   * option types survive.)
   */
  public KeyCertOptions keyCertOptions() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("member", keys.getPrivate(), PASSWORD, new X509Certificate[]{certificate});
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      store.store(bytes, PASSWORD);
      return new PfxOptions().setValue(Buffer.buffer(bytes.toByteArray())).setPassword(new String(PASSWORD));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot hold the cluster's TLS key in a key store", e);
    }
  }

  /** Trusts this certificate and nothing else: not the JDK's CAs. */
  public TrustOptions trustOptions() {
    try {
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
      return new PemTrustOptions().addCertValue(Buffer.buffer(pem));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the cluster's certificate", e);
    }
  }

  private static byte[] hmac(String secret, String purpose) {
    return Secrets.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), purpose);
  }

  /** An Ed25519 private key is 32 random bytes (RFC 8032); here they are the given ones. */
  private static KeyPair ed25519(byte[] seed) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
    return generator.generateKeyPair();
  }

  /** A "random" source that hands out the given bytes: makes key generation a derivation. */
  private static final class FixedBytes extends SecureRandom {
    private final byte[] bytes;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) {
        throw new IllegalStateException("expected a request for " + bytes.length + " bytes, got " + out.length);
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }

  /**
   * A minimal X.509 v3 certificate, DER by hand (the JDK can sign but has no public certificate
   * builder). Fixed serial and dates and a deterministic signature scheme: every node builds the
   * very same bytes.
   */
  static final class SelfSignedCertificate {
    private static final byte[] ED25519 = {0x06, 0x03, 0x2b, 0x65, 0x70}; // OID 1.3.101.112
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03}; // OID 2.5.4.3

    private SelfSignedCertificate() {
    }

    static X509Certificate of(KeyPair keys, String commonName) throws GeneralSecurityException {
      byte[] algorithm = der(0x30, ED25519);
      byte[] name = der(0x30, der(0x31, der(0x30, COMMON_NAME, der(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
      byte[] tbs = der(0x30,
          der(0xa0, der(0x02, new byte[]{2})),      // version 3
          der(0x02, new byte[]{1}),                  // serial
          algorithm,
          name,
          der(0x30, der(0x17, ascii("000101000000Z")), der(0x18, ascii("99991231235959Z"))), // UTCTime, GeneralizedTime
          name,
          keys.getPublic().getEncoded());            // SubjectPublicKeyInfo
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] signature = signer.sign();
      byte[] bits = new byte[signature.length + 1]; // no unused bits
      System.arraycopy(signature, 0, bits, 1, signature.length);
      byte[] certificate = der(0x30, tbs, algorithm, der(0x03, bits));
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(certificate));
    }

    private static byte[] ascii(String text) {
      return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] der(int tag, byte[]... parts) {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      for (byte[] part : parts) {
        content.writeBytes(part);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(tag);
      int length = content.size();
      if (length < 0x80) {
        out.write(length);
      } else if (length < 0x100) {
        out.write(0x81);
        out.write(length);
      } else {
        out.write(0x82);
        out.write(length >> 8);
        out.write(length & 0xff);
      }
      out.writeBytes(content.toByteArray());
      return out.toByteArray();
    }
  }
}
