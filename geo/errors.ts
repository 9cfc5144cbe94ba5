/** One problem found in the seeds, located precisely enough to fix it. */
export interface DataIssue {
  /** Table (file name without `.json`), e.g. `projects`. */
  table: string;
  /** Record id, or `#index` when the record has no valid id. */
  record: string;
  /** Field path, e.g. `sources[0].quote`. */
  field: string;
  message: string;
}

export function formatIssue(i: DataIssue): string {
  return `${i.table}: ${i.record}: ${i.field}: ${i.message}`;
}

/** Thrown by the build when any issue was found; lists them all, not just the first. */
export class DataError extends Error {
  readonly issues: readonly DataIssue[];
  constructor(issues: readonly DataIssue[]) {
    super(`${issues.length} data error${issues.length === 1 ? '' : 's'}:\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`);
    this.name = 'DataError';
    this.issues = issues;
  }
}
