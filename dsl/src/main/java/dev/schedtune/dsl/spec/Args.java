package dev.schedtune.dsl.spec;

import dev.schedtune.dsl.Schedule;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Typed reads of the checked arguments a {@link Kind.Factory} receives. */
final class Args {
    private final Map<String, Object> args;

    Args(Map<String, Object> args) {
        this.args = args;
    }

    boolean has(String name) {
        return args.get(name) != null;
    }

    double number(String name) {
        return ((Number) present(name)).doubleValue();
    }

    double number(String name, double absent) {
        Object v = args.get(name);
        return v == null ? absent : ((Number) v).doubleValue();
    }

    long integer(String name) {
        return ((Number) present(name)).longValue();
    }

    boolean bool(String name) {
        return (Boolean) present(name);
    }

    String string(String name) {
        return (String) present(name);
    }

    <E extends Enum<E>> E choice(String name, Class<E> type) {
        return Enum.valueOf(type, string(name).toUpperCase(Locale.ROOT));
    }

    Schedule schedule(String name) {
        return (Schedule) present(name);
    }

    @Nullable
    Schedule scheduleOrNull(String name) {
        return (Schedule) args.get(name);
    }

    @SuppressWarnings("unchecked")
    List<Schedule> schedules(String name) {
        return (List<Schedule>) present(name);
    }

    double[] numbers(String name) {
        List<?> list = (List<?>) present(name);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    Object raw(String name) {
        return present(name);
    }

    private Object present(String name) {
        Object v = args.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }
}
