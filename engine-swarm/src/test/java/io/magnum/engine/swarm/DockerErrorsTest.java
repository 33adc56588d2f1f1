package io.magnum.engine.swarm;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;

import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeException.Reason;

import static org.assertj.core.api.Assertions.assertThat;

class DockerErrorsTest
{
    @Test
    void dockerStatusesBecomeReasons()
    {
        assertThat(reason(new NotFoundException("Status 404: {\"message\":\"No such container: x\"}\n")))
                .isEqualTo(Reason.NOT_FOUND);
        assertThat(reason(new ConflictException("Status 409: {\"message\":\"Container x is not running\"}")))
                .isEqualTo(Reason.CONFLICT);
        assertThat(reason(new NotModifiedException("Status 304"))).isEqualTo(Reason.CONFLICT);
        assertThat(reason(new BadRequestException("Status 400: {\"message\":\"bad\"}"))).isEqualTo(Reason.INVALID);
        assertThat(reason(new InternalServerErrorException("Status 500: {\"message\":\"boom\"}"))).isEqualTo(Reason.FAILED);
        // Docker 20.10 says 500 for some state conflicts
        assertThat(reason(new InternalServerErrorException("Status 500: {\"message\":\"Container 5d69 is not paused\"}")))
                .isEqualTo(Reason.CONFLICT);
        assertThat(reason(new IllegalStateException("odd"))).isEqualTo(Reason.FAILED);
    }

    @Test
    void keepsDockersOwnWords()
    {
        CoeException e = DockerErrors.translate(
                new ConflictException("Status 409: {\"message\":\"Container 3f2a is not running\"}\n"), "pause container 3f2a");
        assertThat(e).hasMessage("pause container 3f2a: Container 3f2a is not running");
    }

    @Test
    void transportFailuresAreFoundInTheCauseChain()
    {
        assertThat(reason(new RuntimeException(new IOException("wrapped", new SSLHandshakeException("PKIX path building failed")))))
                .isEqualTo(Reason.TLS);
        assertThat(reason(new RuntimeException(new SocketException("Received fatal alert: bad_certificate"))))
                .isEqualTo(Reason.TLS);
        assertThat(reason(new RuntimeException(new ConnectException("Connection refused")))).isEqualTo(Reason.UNREACHABLE);
        assertThat(reason(new RuntimeException(new SocketException("Connection reset")))).isEqualTo(Reason.FAILED);
    }

    @Test
    void aCutConnectionWithoutAProbeStaysFailed()
    {
        DockerErrors errors = new DockerErrors(Optional.empty());
        assertThat(errors.of(new RuntimeException(new SocketException("Broken pipe")), "x").reason()).isEqualTo(Reason.FAILED);
        assertThat(DockerErrors.cutOff(new RuntimeException(new SocketException("Broken pipe")))).isTrue();
        assertThat(DockerErrors.cutOff(new RuntimeException(new IOException("other")))).isFalse();
    }

    private static Reason reason(RuntimeException e)
    {
        return DockerErrors.translate(e, "test").reason();
    }
}
