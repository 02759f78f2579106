package dev.schedtune.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported file used as its docstring says, with the real PyTorch (Debian's python3-torch): an SGD
 * optimizer driven by {@code LambdaLR(optimizer, lr_lambda)} and {@code set_momentum} applies, step by
 * step, the lr and momentum that PyTorch's own {@code OneCycleLR} applies for the same arguments.
 */
class TorchLambdaLrTest {
    private static final String DRIVER = """
            import sys, importlib.util, torch
            spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
            exported = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(exported)
            steps = int(sys.argv[2])

            def run(make, ours):
                p = torch.nn.Parameter(torch.zeros(1))
                opt = torch.optim.SGD([p], lr=exported.BASE_LR if ours else 0.1, momentum=0.9)
                sched = make(opt)
                out = []
                for step in range(steps):
                    if ours:
                        exported.set_momentum(opt, step)
                    out.append((opt.param_groups[0]["lr"], opt.param_groups[0]["momentum"]))
                    opt.step()
                    sched.step()
                return out

            ours = run(lambda o: torch.optim.lr_scheduler.LambdaLR(o, exported.lr_lambda), True)
            theirs = run(lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.3, total_steps=steps), False)
            for (a, m), (b, n) in zip(ours, theirs):
                print(repr(a), repr(b), repr(m), repr(n))
            """;

    @Test
    void lambdaLrWithTheExportReproducesTorchOneCycleLr(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assertThat(Files.isExecutable(python))
                .as("Debian's python3 with python3-torch")
                .isTrue();
        ScheduleSet set = Configs.parse(
                        "{\"type\": \"torch.OneCycleLR\", \"max_lr\": 0.3, \"total_steps\": 97}", ConfigFormat.JSON)
                .buildSet(KindRegistry.builtIn());
        Path exported = dir.resolve("onecycle_schedule.py");
        Files.writeString(exported, PytorchExport.builder().build().python(set));
        Path driver = dir.resolve("driver.py");
        Files.writeString(driver, DRIVER);
        Process p = new ProcessBuilder(python.toString(), driver.toString(), exported.toString(), "97")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(97);
        for (int step = 0; step < lines.size(); step++) {
            String[] v = lines.get(step).split(" ");
            double oursLr = Double.parseDouble(v[0]);
            double torchLr = Double.parseDouble(v[1]);
            assertThat(oursLr)
                    .as("lr at step %d", step)
                    .isCloseTo(torchLr, org.assertj.core.data.Offset.offset(1e-12 + 1e-9 * torchLr));
            assertThat(oursLr)
                    .as("our Java value at step %d", step)
                    .isCloseTo(set.valueAt("lr", step), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(Double.parseDouble(v[2]))
                    .as("momentum at step %d", step)
                    .isCloseTo(Double.parseDouble(v[3]), org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
