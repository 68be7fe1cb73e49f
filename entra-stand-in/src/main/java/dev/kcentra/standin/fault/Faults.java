package dev.kcentra.standin.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The faults waiting to be served; thread-safe, as the stand-in's HTTP threads consume them concurrently. */
public final class Faults {

    private final List<Planned> planned = new ArrayList<>();

    public synchronized void add(Fault fault) {
        planned.add(new Planned(fault, fault.times()));
    }

    public synchronized void clear() {
        planned.clear();
    }

    public synchronized List<Fault> pending() {
        return planned.stream().map(Planned::fault).toList();
    }

    /** The first fault matching {@code path}, counted as served. */
    public synchronized Optional<Fault> take(String path) {
        for (int i = 0; i < planned.size(); i++) {
            Planned candidate = planned.get(i);
            if (candidate.fault().matches(path)) {
                if (candidate.remaining() == 1) {
                    planned.remove(i);
                } else if (candidate.remaining() > 1) {
                    planned.set(i, new Planned(candidate.fault(), candidate.remaining() - 1));
                }
                return Optional.of(candidate.fault());
            }
        }
        return Optional.empty();
    }

    /** {@code remaining} 0 means unlimited. */
    private record Planned(Fault fault, int remaining) {
    }
}
