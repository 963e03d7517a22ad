// ESLint for the guide's own scripts: `make test` runs it when npm is installed.
import js from "@eslint/js";
import globals from "globals";

export default [
  // Built sites, caches, the Python environment (Material's own scripts) and vendored code.
  { ignores: [".venv/", ".cache/", "site/", "site-offline/", "overrides/assets/javascripts/vendor/"] },
  js.configs.recommended,
  {
    // Plain scripts for the browser, joined into one file at build time (scripts/asset_bundle.py).
    files: ["overrides/assets/javascripts/**/*.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
  },
];
