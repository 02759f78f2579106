package dev.schedtune.examples;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.presets.Preset;
import dev.schedtune.dsl.presets.Torch;
import dev.schedtune.dsl.presets.Transformers;
import java.util.List;
import java.util.Locale;

/**
 * Migrating from PyTorch: each scheduler has a preset of the same name and arguments, step for step
 * identical (step 0 is the lr of the first optimizer update, as after constructing the PyTorch scheduler).
 * PyTorch reads the base lr from the optimizer; presets take it as {@code base_lr}.
 *
 * <pre>mvn -q -pl examples -am compile -Dexample=PresetsFromPyTorch</pre>
 */
public final class PresetsFromPyTorch {
    private PresetsFromPyTorch() {}

    public static void main(String[] args) {
        // sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.3, total_steps=1000)
        ScheduleSet oneCycle = Torch.oneCycleLR(0.3, 1000);

        // opt = SGD(params, lr=0.1); sched = CosineAnnealingLR(opt, T_max=100, eta_min=1e-4)
        Preset cosine = Torch.cosineAnnealingLR(0.1, 100, 1e-4);

        // sched = SequentialLR(opt, [LinearLR(opt, start_factor=0.1, total_iters=5),
        //                            CosineAnnealingLR(opt, T_max=95)], milestones=[5])
        Preset sequential =
                Torch.sequentialLR(List.of(Torch.linearLR(0.1, 0.1, 1.0, 5), Torch.cosineAnnealingLR(0.1, 95)), 5);

        // transformers.get_cosine_schedule_with_warmup(opt, num_warmup_steps=500, num_training_steps=10000), lr 3e-4
        Preset hf = Transformers.getCosineScheduleWithWarmup(3e-4, 500, 10_000);

        System.out.println("step  OneCycleLR lr  momentum  CosineAnnealingLR  SequentialLR  HF cosine+warmup");
        for (long step : new long[] {0, 1, 5, 50, 99, 299, 999}) {
            System.out.println(String.format(
                    Locale.ROOT,
                    "%4d  %13.6g  %8.4f  %17.6g  %12.6g  %16.6g",
                    step,
                    oneCycle.valueAt("lr", step),
                    oneCycle.valueAt("momentum", step),
                    cosine.valueAt(step),
                    sequential.valueAt(step),
                    hf.valueAt(step)));
        }
        // a preset is an ordinary schedule: clamp it, join it, scale it ...
        Schedule floored = cosine.floor(1e-3);
        System.out.println("CosineAnnealingLR floored at 1e-3, step 100: " + floored.valueAt(100));
        // ... and a config under its PyTorch name, which `schedtune plot` and `curve` read
        System.out.print(Configs.write(sequential, ConfigFormat.YAML));
    }
}
