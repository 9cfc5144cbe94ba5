import type { ExportOptions } from './export.ts';
import type { HookError, HookResult } from './hook.ts';

declare global {
  interface Window {
    /** Export entry point for the CLI, tests and benchmarks; with `?test` or `?export` only. */
    __hsrExport?: (options: ExportOptions) => Promise<HookResult | HookError>;
  }
}
