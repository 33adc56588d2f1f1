package io.magnum.local.tck;

import io.magnum.spi.BayModelView;
import io.magnum.spi.CoeDriver;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK catches drivers that break one rule each, and lets a driver without objects pass. */
class CoeDriverContractSelfTest
{
    @Test
    void aParameterTheTemplateDoesNotDeclareFails()
    {
        assertFails(UndeclaredParameter.class, "templateParametersMatchTheTemplate", "bay_uuid");
    }

    @Test
    void removalParametersThatRemoveOtherNodesFail()
    {
        assertFails(RemovalIgnored.class, "scalesUpAndDown", "after removing");
    }

    @Test
    void aValidateThatFindsNothingFails()
    {
        assertFails(NoViolations.class, "reportsEveryViolationWithItsField", "violations of the invalid baymodel");
    }

    @Test
    void aRefusedCertificateReportedAsFailedFails()
    {
        assertFails(TlsAsFailed.class, "certificatesOfAnotherCaFailAsTls", "FAILED");
    }

    @Test
    void acceptingAnyApiVersionFails()
    {
        assertFails(AnyApiVersion.class, "badManifestsAreInvalid", "apiVersion");
    }

    @Test
    void aStopThatDoesNothingFails()
    {
        assertFails(StopDoesNothing.class, "containerLifecycle", "STOPPED");
    }

    @Test
    void aVerbDeclaredButMissingFails()
    {
        assertFails(RebootDeclared.class, "containerLifecycle", "UNSUPPORTED");
    }

    @Test
    void objectsLeftOffOnceConnectWorksFail()
    {
        assertFails(ObjectsLeftOff.class, "connectOffersWhatTheFixturesCover", "turn it on");
    }

    @Test
    void aDriverWithoutObjectsPassesAndItsObjectTestsAreSkipped()
    {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(NoObjects.class)).execute();
        assertThat(results.testEvents().failed().stream().map(CoeDriverContractSelfTest::describe).toList())
                .as("failures").isEmpty();
        assertThat(results.testEvents().skipped().count() + results.testEvents().aborted().count())
                .as("object tests skipped, and the invalid baymodel's").isEqualTo(8);
        assertThat(results.testEvents().succeeded().count()).isEqualTo(12);
    }

    private static void assertFails(Class<? extends CoeDriverContract> contract, String test, String why)
    {
        Method method = Arrays.stream(CoeDriverContract.class.getMethods()).filter(m -> m.getName().equals(test))
                .findFirst().orElseThrow();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectMethod(contract, method)).execute();
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).as("%s failing for %s", test, contract.getSimpleName()).hasSize(1);
        assertThat(describe(failed.get(0))).as("why %s failed", test).contains(why);
    }

    private static String describe(Event event)
    {
        return event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString)
                .orElse("?");
    }

    static class UndeclaredParameter extends EchoDriverContractTest
    {
        @Override
        protected CoeDriver driver()
        {
            return new EchoDriver(EchoDriver.Flaw.UNDECLARED_PARAMETER);
        }
    }

    static class RemovalIgnored extends EchoDriverContractTest
    {
        @Override
        protected CoeDriver driver()
        {
            return new EchoDriver(EchoDriver.Flaw.REMOVAL_IGNORED);
        }
    }

    static class NoViolations extends EchoDriverContractTest
    {
        @Override
        protected CoeDriver driver()
        {
            return new EchoDriver(EchoDriver.Flaw.NO_VIOLATIONS);
        }
    }

    static class TlsAsFailed extends EchoDriverContractTest
    {
        @Override
        protected CoeDriver driver()
        {
            return new EchoDriver(EchoDriver.Flaw.TLS_AS_FAILED);
        }
    }

    static class AnyApiVersion extends EchoDriverContractTest
    {
        @Override
        protected CoeDriver driver()
        {
            return new EchoDriver(EchoDriver.Flaw.ANY_API_VERSION);
        }
    }

    static class StopDoesNothing extends EchoDriverContractTest
    {
        @Override
        protected CoeDriver driver()
        {
            return new EchoDriver(EchoDriver.Flaw.STOP_DOES_NOTHING);
        }
    }

    static class RebootDeclared extends EchoDriverContractTest
    {
        @Override
        protected Optional<ContainerFixture> containerFixture()
        {
            return Optional.of(ContainerFixture.of("local/busybox:latest", "sleep 3600", ContainerVerb.START,
                    ContainerVerb.REBOOT));
        }
    }

    static class ObjectsLeftOff extends EchoDriverContractTest
    {
        @Override
        protected boolean objectsImplemented()
        {
            return false;
        }
    }

    /** A driver with no objects at all: connect keeps the SPI's default, UNSUPPORTED. */
    static class NoObjects extends CoeDriverContract
    {
        @Override
        protected CoeDriver driver()
        {
            return new EchoDriver(EchoDriver.Flaw.NO_OBJECTS);
        }

        @Override
        protected BayModelView validBayModel()
        {
            return EchoDriverContractTest.model(java.util.Map.of(), Optional.empty());
        }

        @Override
        protected boolean hasMasters()
        {
            return false;
        }
    }
}
