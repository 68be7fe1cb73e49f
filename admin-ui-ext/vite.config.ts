import { defineConfig } from "vite";

// Builds the admin console into the admin theme's resources; Keycloak reads .vite/manifest.json to find the entry.
// React is not bundled: the theme's index.ftl (inherited from keycloak.v2) maps it to Keycloak's own copy.
type ModuleInfo = { isEntry: boolean; importers: readonly string[] };
const loadedAtStart = new Map<string, boolean>();

/**
 * Everything the entry loads statically goes into the entry's own chunk: Keycloak turns the entry's imports in the
 * manifest into modulepreload links by their manifest keys, which are not file names, so the entry must have none.
 */
function staticallyLoaded(id: string, { getModuleInfo }: { getModuleInfo: (id: string) => ModuleInfo | null }): string | undefined {
  const visit = (module: string, seen: Set<string>): boolean => {
    const known = loadedAtStart.get(module);
    if (known !== undefined) return known;
    const info = getModuleInfo(module);
    if (!info || seen.has(module)) return false;
    seen.add(module);
    const result = info.isEntry || info.importers.some((importer) => visit(importer, seen));
    loadedAtStart.set(module, result);
    return result;
  };
  return visit(id, new Set()) ? "main" : undefined;
}

export default defineConfig({
  root: "src/main/frontend",
  base: "",
  esbuild: { jsx: "automatic" },
  build: {
    outDir: "../../../target/classes/theme/kcentra/admin/resources",
    emptyOutDir: true,
    manifest: true,
    target: "esnext",
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: "src/main/frontend/main.tsx",
      external: ["react", "react/jsx-runtime", "react-dom"],
      output: { manualChunks: staticallyLoaded },
    },
  },
});
