package io.magnum;

import io.magnum.model.BaySpec;
import io.magnum.model.Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ca-show, ca-sign and ca-rotate through the facade, checked with the real openssl. */
class CertificatesFacadeTest
{
    @TempDir
    Path dir;

    @Test
    void aBaysCaSignsWhatOpensslThenVerifies() throws Exception
    {
        try (Magnum magnum = Fixtures.builder().syncInterval(Duration.ofMillis(20)).build()) {
            magnum.bayModels().create(seedSpec().build());
            magnum.bays().create(BaySpec.of("k8sbay", "k8sbaymodel", 1)).await(Duration.ofSeconds(60));

            Certificate ca = magnum.certificates().ca("k8sbay");
            assertThat(ca.pem()).startsWith("-----BEGIN CERTIFICATE-----");
            openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=admin", "-keyout",
                    dir.resolve("key.pem").toString(), "-out", dir.resolve("csr.pem").toString());
            String csr = Files.readString(dir.resolve("csr.pem"));
            Certificate signed = magnum.certificates().sign("k8sbay", csr);
            Files.writeString(dir.resolve("ca.pem"), ca.pem());
            Files.writeString(dir.resolve("client.pem"), signed.pem());
            assertThat(openssl("verify", "-CAfile", dir.resolve("ca.pem").toString(), dir.resolve("client.pem").toString()))
                    .contains("OK");

            assertThatThrownBy(() -> magnum.certificates().sign("k8sbay", "not a csr"))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).violations().get(0).field()).isEqualTo("csr"));
            assertThatThrownBy(() -> magnum.as(Fixtures.PROJECT_B).certificates().ca("k8sbay"))
                    .isInstanceOf(NotFoundException.class);

            Certificate rotated = magnum.certificates().rotate("k8sbay");
            assertThat(rotated.pem()).isNotEqualTo(ca.pem());
            Files.writeString(dir.resolve("new-ca.pem"), rotated.pem());
            Process verify = new ProcessBuilder("openssl", "verify", "-CAfile", dir.resolve("new-ca.pem").toString(),
                    dir.resolve("client.pem").toString()).redirectErrorStream(true).start();
            verify.getInputStream().readAllBytes();
            assertThat(verify.waitFor()).as("the old client certificate no longer verifies").isNotZero();

            magnum.bays().delete("k8sbay").await(Duration.ofSeconds(60));
            assertThatThrownBy(() -> magnum.certificates().ca("k8sbay")).isInstanceOf(NotFoundException.class);
        }
    }

    private static String openssl(String... args) throws Exception
    {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
