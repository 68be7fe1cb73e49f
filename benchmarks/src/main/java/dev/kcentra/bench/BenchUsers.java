package dev.kcentra.bench;

import dev.kcentra.standin.seed.EntraApplication;
import dev.kcentra.standin.seed.EntraTenant;
import dev.kcentra.standin.seed.EntraUser;
import dev.kcentra.standin.seed.GraphSettings;
import dev.kcentra.standin.seed.Seed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The same N users for both sides of the benchmark: an Entra stand-in seed and an LDIF file for OpenLDAP. */
final class BenchUsers {

    static final String TENANT = "be4c0000-0000-4000-8000-000000000001";
    static final String CLIENT_ID = "be4c0000-0000-4000-8000-a00000000001";
    static final String SECRET = "bench-secret";
    static final String BASE_DN = "dc=bench,dc=example";
    static final String PEOPLE_DN = "ou=people," + BASE_DN;

    private BenchUsers() {
    }

    static String objectId(int i) {
        return new UUID(0xbe4c000000004000L, 0x8000000000000000L | i).toString();
    }

    static EntraUser user(int i, String surnameSuffix) {
        String name = String.format("user%06d", i);
        return new EntraUser(objectId(i), name + "@bench.example", name + "@bench.example", "+1 555 " + String.format("%07d", i),
                "User " + i, "User", "Number" + i + surnameSuffix, true, "Member", null, null);
    }

    static Seed seed(int count, int pageSize) {
        List<EntraUser> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(user(i, ""));
        }
        EntraApplication app = new EntraApplication("bench sync", CLIENT_ID, SECRET, List.of(), List.of(), List.of("User.Read.All"));
        EntraTenant tenant = new EntraTenant(TENANT, "Bench", List.of("bench.example"), List.of(app), users, List.of());
        return new Seed(List.of(tenant), new GraphSettings(pageSize, false, false), List.of());
    }

    static void writeLdif(int count, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("dn: " + BASE_DN + "\nobjectClass: dcObject\nobjectClass: organization\ndc: bench\no: Bench\n\n");
            out.write("dn: " + PEOPLE_DN + "\nobjectClass: organizationalUnit\nou: people\n\n");
            for (int i = 0; i < count; i++) {
                EntraUser user = user(i, "");
                String uid = user.userPrincipalName().substring(0, user.userPrincipalName().indexOf('@'));
                out.write("dn: uid=" + uid + "," + PEOPLE_DN + "\nobjectClass: inetOrgPerson\nuid: " + uid
                        + "\ncn: " + user.displayName() + "\ngivenName: " + user.givenName() + "\nsn: " + user.surname()
                        + "\nmail: " + user.mail() + "\nmobile: " + user.mobilePhone() + "\n\n");
            }
        }
    }
}
