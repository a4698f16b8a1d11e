package io.crosskernel.kernels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.ExternalArrivals;
import io.crosskernel.api.workload.PoissonSchedule;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class IoKernelFactoryTest {
    private final IoKernelFactory factory = new IoKernelFactory();

    private static KernelSpec spec(List<Integer> cores, Map<String, String> settings) {
        return new KernelSpec("net", "io", cores, settings);
    }

    private static Source ingress(int id, String protocol, Stage... stages) {
        return new Source(new Route(id, "w" + id, "ingress", List.of(stages), 0), new ExternalArrivals(protocol));
    }

    private static Stage spin(int kernelId) {
        return new Stage(kernelId, "k" + kernelId, 0, 1, 0);
    }

    @Test
    void isFoundByTheServiceLoaderAsTypeIo() {
        assertThat(ServiceLoader.load(KernelFactory.class).stream().map(p -> p.get().type())).contains("io");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        IoSettings s = IoSettings.defaults();
        assertThat(s.bind().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(List.of(s.udpPort(), s.tcpPort(), s.ring(), s.batch(), s.maxFrame(), s.maxConnections(),
                s.queueDepth())).containsExactly(0, 0, 65536, 256, 65536, 64, 65536);
    }

    @Test
    void refusesMoreThanOneCore() {
        assertThatThrownBy(() -> factory.validate(spec(List.of(0, 1), Map.of())))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("exactly one core");
        assertThatCode(() -> factory.validate(spec(List.of(1), Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void refusesANonLoopbackOrUnresolvableBindAddress() {
        for (String bad : List.of("0.0.0.0", "10.0.0.1", "192.168.1.1", "example.com", "::")) {
            assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("bind", bad))), bad)
                    .isInstanceOf(InvalidSettingException.class)
                    .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("bind"));
        }
        for (String good : List.of("127.0.0.1", "localhost", "127.0.0.2", "::1")) {
            assertThatCode(() -> factory.validate(spec(List.of(0), Map.of("bind", good)))).doesNotThrowAnyException();
        }
    }

    @Test
    void namesTheWrongSetting() {
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("ring", "0"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("ring");
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("udpPort", "70000"))))
                .hasMessageContaining("udpPort");
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("maxFrame", "4B"))))
                .hasMessageContaining("maxFrame");
        assertThatThrownBy(() -> factory.validate(spec(List.of(0), Map.of("rings", "4"))))
                .hasMessageContaining("unknown setting 'rings'");
        assertThat(IoSettings.parse(Map.of("maxFrame", "1KiB")).maxFrame()).isEqualTo(1024);
    }

    @Test
    void admitsOneIngressWorkloadPerProtocol() {
        assertThatCode(() -> factory.admit(spec(List.of(0), Map.of()), 0, List.of(
                ingress(0, "udp", spin(0), spin(1)), ingress(1, "tcp", spin(0)),
                new Source(new Route(2, "s", "stream", List.of(spin(0)), 0), new PoissonSchedule(10, 1, 0, 1000)))))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesTwoIngressWorkloadsOfOneProtocolNamingThemAndBlamingTheSecond() {
        assertThatThrownBy(() -> factory.admit(spec(List.of(0), Map.of()), 0, List.of(
                ingress(0, "udp", spin(0)), ingress(1, "tcp", spin(0)), ingress(2, "udp", spin(0)))))
                .isInstanceOf(AdmissionException.class).hasMessageContaining("w0").hasMessageContaining("w2")
                .hasMessageContaining("udp")
                .satisfies(e -> {
                    assertThat(((AdmissionException) e).routeId()).isEqualTo(2);
                    assertThat(((AdmissionException) e).stage()).isZero();
                });
    }

    @Test
    void ignoresIngressWorkloadsThatStartOnAnotherKernel() {
        assertThatCode(() -> factory.admit(spec(List.of(0), Map.of()), 0, List.of(
                ingress(0, "udp", spin(1), spin(0)), ingress(1, "udp", spin(0))))).doesNotThrowAnyException();
    }

    @Test
    void refusesADataOperationOnTheIoKernel() {
        Stage put = new Stage(0, "k0", 0, 1, 0, StageOp.PUT, 64);
        assertThatThrownBy(() -> factory.admit(spec(List.of(0), Map.of()), 0, List.of(ingress(0, "udp", put))))
                .isInstanceOf(AdmissionException.class).hasMessageContaining("'put'");
        Stage putElsewhere = new Stage(1, "k1", 0, 1, 0, StageOp.PUT, 64);
        assertThatCode(() -> factory.admit(spec(List.of(0), Map.of()), 0,
                List.of(ingress(0, "udp", spin(0), putElsewhere)))).doesNotThrowAnyException();
    }
}
