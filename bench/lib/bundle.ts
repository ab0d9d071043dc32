import { build } from 'esbuild';

/** Bundles a bench page script for the browser (one IIFE file, minified as production code would be). */
export async function bundle(entry: string, outfile: string, options: { minify?: boolean } = {}): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  });
}
