package dev.kcentra.standin.seed;

import dev.kcentra.standin.fault.Fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The stand-in's starting state, read from a JSON seed file. See {@link SeedReader} for the format. */
public record Seed(List<EntraTenant> tenants, GraphSettings graph, List<Fault> faults, LoginSettings login) {

    public static final int DEFAULT_PAGE_SIZE = 100;

    public Seed {
        tenants = List.copyOf(tenants);
        faults = List.copyOf(faults);
    }

    public Seed(List<EntraTenant> tenants, GraphSettings graph, List<Fault> faults) {
        this(tenants, graph, faults, LoginSettings.DEFAULT);
    }

    public int pageSize() {
        return graph.pageSize();
    }

    public static Seed load(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SeedException("seed file " + file + " does not exist");
        } catch (IOException e) {
            throw new SeedException("seed file " + file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return parse(json);
        } catch (SeedException e) {
            throw new SeedException(file + ": " + e.getMessage(), e);
        }
    }

    public static Seed parse(String json) {
        return new SeedReader().read(json);
    }

    /** One user in the seed file's user format, for changes made while the stand-in runs. */
    public static EntraUser parseUser(String json) {
        return new SeedReader().readUser(json);
    }

    /** One fault in the seed file's fault format. */
    public static Fault parseFault(String json) {
        return new SeedReader().readFault(json);
    }
}
