/** Shown on the settings screen; keep in step with "version" in package.json when releasing. */
export const APP_VERSION = '0.1.0';
