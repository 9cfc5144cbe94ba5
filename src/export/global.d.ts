import type { ExportOptions } from './export.ts';
import type { HandoutHookOptions, HandoutHookResult, HookError, HookOptions, HookResult } from './hook.ts';

declare global {
  interface Window {
    /** Export entry point for the CLI, tests and benchmarks; with `?test` or `?export` only. */
    __hsrExport?: (options: HookOptions) => Promise<HookResult | HookError>;
    /** Warms the export renderer (as opening the dialog does; given options, for that export), or with `false` releases it; `?test`/`?export` only. */
    __hsrExportWarm?: (on?: boolean | ExportOptions) => Promise<{ ms: number } | HookError>;
    /** The handout PDF of the presented story (the CLI's `--handout`); `?test`/`?export` only. */
    __hsrHandout?: (options: HandoutHookOptions) => Promise<HandoutHookResult | HookError>;
  }
}
