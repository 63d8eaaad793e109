package org.screenroom.server.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} with its private key, as
 * the PEM files {@code tls-cert} and {@code tls-key} name. Made by the JDK's own {@code keytool}
 * into a PKCS#12 store, then written out as PEM: no certificate-building library is on the
 * classpath, and keytool ships with every JDK that runs these tests.
 *
 * @param cert the PEM certificate
 * @param key the PEM (PKCS#8) private key
 */
public record TlsCert(Path cert, Path key) {
  private static final String ALIAS = "screenroom";
  // A throwaway store in a temporary directory: the password protects nothing.
  private static final String STORE_PASSWORD = "test-store-password";

  /** Writes a fresh certificate and key into {@code dir}. */
  public static TlsCert write(Path dir) throws Exception {
    Path store = dir.resolve("tls.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    new ProcessRunner().run(ProcessRequest.of(List.of(keytool.toString(), "-genkeypair",
        "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD, "-noprompt"),
        Map.of(), Duration.ofMinutes(1)));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    Key key = keys.getKey(ALIAS, STORE_PASSWORD.toCharArray());
    Path certFile = dir.resolve("cert.pem");
    Path keyFile = dir.resolve("key.pem");
    Files.writeString(certFile, pem("CERTIFICATE", keys.getCertificate(ALIAS).getEncoded()));
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    return new TlsCert(certFile, keyFile);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
