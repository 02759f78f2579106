package dev.schedtune.export;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.Expandable;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.Specified;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A schedule set as a self-contained Python file (standard library only) for PyTorch's {@code LambdaLR}:
 * {@code lr_lambda(step)}, {@code lr_at(step)}, one {@code <name>_at(step)} per further hyperparameter
 * (e.g. {@code momentum_at}), and {@code set_momentum(optimizer, step)} when momentum is scheduled.
 *
 * <p>The code is generated from the spec tree: every primitive and combinator has a small Python
 * runtime ({@code PythonRuntimes}) reproducing the Java formula, and presets are written through their
 * {@link Expandable expansion} into primitives. Running the file as a script prints the curve as CSV
 * ({@code python3 schedule.py 1000}), which is how the tests compare it with the Java values (≤ 1e-12).
 */
public final class PytorchExport {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final KindRegistry registry;
    private final Map<String, String> runtimes;
    private final String source;

    private PytorchExport(Builder b) {
        this.registry = b.registry;
        this.runtimes = Map.copyOf(b.runtimes);
        this.source = b.source;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Python file for {@code set}. */
    public String python(ScheduleSet set) {
        Generation g = new Generation();
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Map.Entry<String, Schedule> e : set.asMap().entrySet()) {
            expressions.put(e.getKey(), g.schedule(e.getKey(), e.getValue()));
        }
        StringBuilder py = new StringBuilder();
        py.append(header(set));
        py.append(PythonRuntimes.PRELUDE);
        for (String kind : g.used) {
            py.append("\n\n").append(runtimes.get(kind).strip()).append('\n');
        }
        py.append("\n\nSCHEDULES = {\n");
        expressions.forEach((name, expr) ->
                py.append("    ").append(string(name)).append(": ").append(expr).append(",\n"));
        py.append("}\n");
        py.append("""

                # LambdaLR multiplies the optimizer's initial lr by lr_lambda(step): create the optimizer with
                # lr=BASE_LR so that the lr it applies is exactly the schedule's value.
                BASE_LR = 1.0


                def value_at(name, step):
                    \"\"\"The value of hyperparameter `name` at optimizer step `step` (0 = first update).\"\"\"
                    return SCHEDULES[name](_check_step(step))

                """);
        for (String name : set.names()) {
            if (IDENTIFIER.matcher(name).matches()) {
                py.append("\ndef ")
                        .append(name)
                        .append("_at(step):\n    \"\"\"The ")
                        .append(name)
                        .append(" at optimizer step `step`.\"\"\"\n    return value_at(")
                        .append(string(name))
                        .append(", step)\n\n");
            }
        }
        if (set.contains(ScheduleSet.LR)) {
            py.append("""

                    def lr_lambda(step):
                        \"\"\"For torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda), optimizer lr = BASE_LR.\"\"\"
                        return lr_at(step) / BASE_LR

                    """);
        }
        if (set.contains(ScheduleSet.MOMENTUM)) {
            py.append("""

                    def set_momentum(optimizer, step):
                        \"\"\"Sets SGD's momentum, or Adam's beta1, of every parameter group for `step`.\"\"\"
                        m = momentum_at(step)
                        for group in optimizer.param_groups:
                            if "betas" in group:
                                group["betas"] = (m, group["betas"][1])
                            else:
                                group["momentum"] = m

                    """);
        }
        py.append("""

                if __name__ == "__main__":
                    import sys

                    _steps = int(sys.argv[1]) if len(sys.argv) > 1 else 100
                    _names = list(SCHEDULES)
                    print(",".join(["step"] + _names))
                    for _step in range(_steps):
                        print(",".join([str(_step)] + [repr(value_at(n, _step)) for n in _names]))
                """);
        return py.toString();
    }

    private String header(ScheduleSet set) {
        boolean momentum = set.contains(ScheduleSet.MOMENTUM);
        StringBuilder h = new StringBuilder("\"\"\"Schedules exported by schedtune");
        if (!source.isEmpty()) {
            h.append(" from ").append(source.replace("\"", "'").replace("\\", "/"));
        }
        h.append(": ").append(String.join(", ", set.names())).append(".\n\n");
        h.append("Standard library only; step 0 is the value for the first optimizer update.\n\n");
        h.append("    optimizer = torch.optim.SGD(model.parameters(), lr=BASE_LR");
        h.append(momentum ? ", momentum=momentum_at(0))\n" : ")\n");
        h.append("    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda)\n");
        h.append("    for step, batch in enumerate(loader):\n");
        if (momentum) {
            h.append("        set_momentum(optimizer, step)\n");
        }
        h.append("        ...  # forward, backward\n");
        h.append("        optimizer.step()\n");
        h.append("        scheduler.step()\n\n");
        h.append("Run `python3 this_file.py N` to print the first N steps as CSV.\n\"\"\"\n");
        return h.toString();
    }

    /** Collects which runtimes are used while turning specs into Python expressions. */
    private final class Generation {
        private final LinkedHashSet<String> used = new LinkedHashSet<>();

        String schedule(String name, Schedule schedule) {
            Schedule s = schedule instanceof Expandable ? ((Expandable) schedule).expanded() : schedule;
            if (!(s instanceof Specified)) {
                throw new IllegalArgumentException("schedule '" + name + "' (" + s
                        + ") cannot be exported: only schedules built by schedtune describe themselves");
            }
            ScheduleSpec spec = ((Specified) s).spec();
            String expr = expression(spec, "$." + name);
            Kind kind = registry.find(spec.kind()).orElse(null);
            if (kind != null && kind.produces() == Kind.Produces.SCHEDULE_SET && runtimes.containsKey(spec.kind())) {
                return expr + "[" + string(name) + "]";
            }
            return expr;
        }

        String expression(ScheduleSpec spec, String path) {
            String runtime = runtimes.get(spec.kind());
            if (runtime == null) {
                return expanded(spec, path);
            }
            used.add(spec.kind());
            Map<String, Object> args = new LinkedHashMap<>(spec.args());
            registry.find(spec.kind()).ifPresent(kind -> {
                for (Param p : kind.params()) {
                    if (!args.containsKey(p.name()) && p.defaultValue() != null) {
                        args.put(p.name(), p.defaultValue());
                    }
                }
            });
            // keyword arguments as a dict: parameter names such as 'from' are Python keywords
            StringBuilder call = new StringBuilder(function(spec.kind())).append("(**{");
            boolean first = true;
            for (Map.Entry<String, Object> e : args.entrySet()) {
                call.append(first ? "" : ", ").append(string(e.getKey())).append(": ");
                call.append(literal(e.getValue(), path + "." + e.getKey()));
                first = false;
            }
            return call.append("})").toString();
        }

        /** A kind without a runtime: build it and translate its expansion into primitives. */
        private String expanded(ScheduleSpec spec, String path) {
            Object built = registry.find(spec.kind()).isPresent() ? registry.build(spec, path) : null;
            if (built instanceof Expandable) {
                Schedule e = ((Expandable) built).expanded();
                if (e instanceof Specified && !((Specified) e).spec().kind().equals(spec.kind())) {
                    return expression(((Specified) e).spec(), path);
                }
            }
            throw new IllegalArgumentException(path + ": type '" + spec.kind()
                    + "' cannot be exported to Python: it has no Python runtime and no expansion into primitives");
        }

        private String literal(Object value, String path) {
            if (value instanceof ScheduleSpec) {
                return expression((ScheduleSpec) value, path);
            }
            if (value instanceof Double) {
                double d = (Double) value;
                checkArgument(Double.isFinite(d), "%s: %s cannot be exported", path, d);
                return Double.toString(d);
            }
            if (value instanceof Long) {
                return value.toString();
            }
            if (value instanceof Boolean) {
                return (Boolean) value ? "True" : "False";
            }
            if (value instanceof String) {
                return string((String) value);
            }
            if (value instanceof List<?>) {
                List<?> list = (List<?>) value;
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < list.size(); i++) {
                    b.append(i > 0 ? ", " : "").append(literal(list.get(i), path + "[" + i + "]"));
                }
                return b.append(']').toString();
            }
            if (value instanceof Map<?, ?>) {
                StringBuilder b = new StringBuilder("{");
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    b.append(first ? "" : ", ")
                            .append(string(String.valueOf(e.getKey())))
                            .append(": ");
                    b.append(literal(e.getValue(), path + "." + e.getKey()));
                    first = false;
                }
                return b.append('}').toString();
            }
            throw new IllegalArgumentException(
                    path + ": cannot export a " + value.getClass().getName());
        }
    }

    /** The Python function implementing {@code kind}. */
    static String function(String kind) {
        return "_k_" + kind.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String string(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    /** Options of the export. */
    public static final class Builder {
        private KindRegistry registry = KindRegistry.builtIn();
        private final Map<String, String> runtimes = new LinkedHashMap<>(PythonRuntimes.builtIn());
        private String source = "";

        private Builder() {}

        /** The kinds used to fill in defaults and expand presets (default: the built-in kinds). */
        public Builder registry(KindRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** Where the schedule came from (a file name), for the file's docstring. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /**
         * Adds the Python runtime of a kind of your own: the source of a function named {@code
         * _k_<kind>} (non-identifier characters of the kind as {@code _}) taking the kind's parameters as
         * keyword arguments and returning {@code f(step) -> float}, or a dict of such for a kind that
         * makes a schedule set.
         */
        public Builder runtime(String kind, String pythonSource) {
            checkArgument(
                    pythonSource.contains("def " + function(kind) + "("),
                    "runtime of %s must define %s(...)",
                    kind,
                    function(kind));
            runtimes.put(kind, pythonSource);
            return this;
        }

        public PytorchExport build() {
            return new PytorchExport(this);
        }
    }
}
