package org.screenroom.server.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * A self-signed RSA certificate for {@code CN=localhost}, written as PEM files, built with
 * BouncyCastle's ASN.1 classes (bcprov; the PKIX builder module is not on the classpath).
 *
 * @param cert the PEM certificate
 * @param key the PEM (PKCS#8) private key
 */
public record SelfSignedCert(Path cert, Path key) {
  /** Writes a fresh certificate and key into {@code dir}. */
  public static SelfSignedCert write(Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    AlgorithmIdentifier sha256Rsa = new AlgorithmIdentifier(
        PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
    V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
    tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(System.nanoTime())));
    tbs.setIssuer(new X500Name("CN=localhost"));
    tbs.setSubject(new X500Name("CN=localhost"));
    tbs.setStartDate(new Time(Date.from(Instant.now().minus(Duration.ofDays(1)))));
    tbs.setEndDate(new Time(Date.from(Instant.now().plus(Duration.ofDays(30)))));
    tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
    tbs.setSignature(sha256Rsa);
    TBSCertificate body = tbs.generateTBSCertificate();
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(pair.getPrivate());
    signer.update(body.getEncoded(ASN1Encoding.DER));
    ASN1EncodableVector cert = new ASN1EncodableVector();
    cert.add(body);
    cert.add(sha256Rsa);
    cert.add(new DERBitString(signer.sign()));
    Path certFile = dir.resolve("cert.pem");
    Path keyFile = dir.resolve("key.pem");
    Files.writeString(certFile, pem("CERTIFICATE", new DERSequence(cert).getEncoded(ASN1Encoding.DER)));
    Files.writeString(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    return new SelfSignedCert(certFile, keyFile);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
