package io.magnum;

import io.magnum.local.LocalCloud;
import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.FieldViolation;
import io.magnum.spi.cloud.Cloud;
import io.magnum.spi.cloud.CloudException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.magnum.Fixtures.seedSpec;
import static io.magnum.core.store.jooq.Tables.BAYMODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

/** Failures below the facade reach the caller typed, with the original as the cause. */
class FailureTranslationTest
{
    @Test
    void aCloudFailureIsACloudError()
    {
        Cloud cloud = spy(LocalCloud.create());
        doThrow(new CloudException("Glance is unreachable")).when(cloud).findImage(anyString());
        try (Magnum magnum = Magnum.builder().cloud(cloud).build()) {
            assertThatThrownBy(() -> magnum.bayModels().create(seedSpec().build()))
                    .isInstanceOf(MagnumException.class)
                    .hasMessage("The cloud failed during create baymodel: Glance is unreachable")
                    .hasCauseInstanceOf(CloudException.class)
                    .satisfies(e -> assertThat(((MagnumException) e).code()).isEqualTo(ErrorCode.CLOUD_FAILURE));
        }
    }

    @Test
    void aDatabaseFailureIsAStoreError()
    {
        try (Magnum magnum = Fixtures.builder().build()) {
            Fixtures.dsl(magnum).dropTable(BAYMODEL).cascade().execute();
            assertThatThrownBy(() -> magnum.bayModels().list())
                    .isInstanceOf(MagnumException.class)
                    .hasMessageStartingWith("The database failed during list baymodels: ")
                    .hasMessageNotContaining("\n")
                    .hasCauseInstanceOf(DataAccessException.class)
                    .satisfies(e -> assertThat(((MagnumException) e).code()).isEqualTo(ErrorCode.STORE_FAILURE));
        }
    }

    @Test
    void aBrokenDriverIsAnInternalError()
    {
        CoeDriver broken = new LifecycleTest.TestDriver("broken_v1", new DriverKey("broken", "vm", "ubuntu"), Set.of("x")) {
            @Override
            public List<FieldViolation> validate(BayModelView model)
            {
                throw new IllegalStateException("driver bug");
            }
        };
        try (Magnum magnum = Fixtures.builder().driver(broken).build()) {
            assertThatThrownBy(() -> magnum.bayModels().create(seedSpec().coe("broken").imageId("ubuntu-mesos")
                    .networkDriver(null).build()))
                    .isInstanceOf(MagnumException.class)
                    .hasMessage("Internal error during create baymodel: IllegalStateException: driver bug")
                    .satisfies(e -> assertThat(((MagnumException) e).code()).isEqualTo(ErrorCode.INTERNAL));
            assertThat(magnum.bayModels().list()).isEmpty();
        }
    }
}
