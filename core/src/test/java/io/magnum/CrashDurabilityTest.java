package io.magnum;

import io.magnum.local.LocalCloud;
import io.magnum.model.BayModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A process killed without close loses no baymodel it reported created. */
class CrashDurabilityTest
{
    @TempDir
    Path dir;

    @Test
    void aKilledProcessLosesNothingItCommitted() throws Exception
    {
        Path db = dir.resolve("crash-db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int created = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("created ")) {
                    created = Integer.parseInt(line.substring("created ".length()));
                    if (created == 20) {
                        break;
                    }
                }
            }
        }
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(created).isEqualTo(20);

        try (Magnum magnum = Fixtures.builder().database(db).build()) {
            List<BayModel> models = magnum.bayModels().list();
            assertThat(models.size()).isGreaterThanOrEqualTo(created);
            assertThat(models).extracting(BayModel::name).contains("model1", "model20");
        }
    }

    /** Creates baymodels forever, reporting each one after create returned. */
    public static final class CrashChild
    {
        public static void main(String[] args) throws InterruptedException
        {
            Magnum magnum = Magnum.builder().cloud(LocalCloud.create()).database(Path.of(args[0]))
                    .heartbeatInterval(Duration.ofHours(1)).build();
            for (int i = 1; ; i++) {
                magnum.bayModels().create(Fixtures.seedSpec().name("model" + i).build());
                System.out.println("created " + i);
                System.out.flush();
                if (i >= 20) {
                    Thread.sleep(60_000);
                }
            }
        }
    }
}
