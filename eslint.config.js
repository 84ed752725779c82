// ESLint runs only the floating-promise rule, which needs type information that Biome cannot
// give across packages (its own noFloatingPromises misses promises returned through
// @uplink/core's types). Everything else (style, imports, boundaries) is Biome's: biome.json.
// await-thenable and no-misused-promises were tried and left out: the first flags Awaitable
// values handed to Promise.all, the second every Koa callback() given to http.createServer.
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/*.tmp.ts"] },
  {
    files: ["packages/*/{src,test,bench}/**/*.ts", "examples/*/{src,test}/**/*.ts", "tools/**/*.ts"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
);
