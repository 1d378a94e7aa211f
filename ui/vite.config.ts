// Vite and Vitest configuration for Chancery's UI.
// The UI is served offline from ui/dist by the Tauri shell, so everything is bundled
// and relative ("./") paths are used; nothing is loaded from a CDN.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const uiRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: uiRoot,
  base: "./",
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK (Linux), WKWebView (macOS) and WebView2 (Windows) are all recent.
    target: "es2022",
    // One bundle is fine for a desktop app loaded from disk.
    chunkSizeWarningLimit: 1500,
  },
  test: {
    // Unit tests live beside the code. End-to-end tests (tests/e2e at the repo root)
    // have their own config and must never be picked up here.
    root: uiRoot,
    include: ["src/**/*.test.ts"],
    exclude: ["**/node_modules/**", "dist/**"],
    environment: "jsdom",
    restoreMocks: true,
  },
});
