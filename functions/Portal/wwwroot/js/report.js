// An upload's result: its counts, its report as a table (Excel cell, column, code, message, how to fix) and a preview
// of the file's first rows with the failing cells marked.
import { h, table } from './dom.js';
import { columnLetter } from './csv.js';
import { fixFor, messageOf, number, t } from './i18n.js';

const FINAL = new Set(['Completed', 'Validated', 'Rejected', 'Failed']);

export const isFinal = (status) => FINAL.has(status);

export const statusText = (status) => t(`status.${status}`);

/** The sentence that says what became of the upload and what to do next. */
function outcome(upload, report) {
  if (upload.status === 'Failed') return [t('result.failed', { reason: upload.failure ?? '–', id: upload.uploadId }), 'error'];
  if (upload.dryRun || upload.status === 'Validated') {
    if (lockedErrors(report).length) return [t('result.locked.dry'), 'warn'];
    return report?.errorCount > 0 ? [t('result.validated.bad'), 'warn'] : [t('result.validated'), 'ok'];
  }
  // A locked regency-year refuses the whole file however right its cells are: fixing cells or partial mode cannot help.
  if (upload.status === 'Rejected' && lockedErrors(report).length) return [t('result.locked'), 'error'];
  if (upload.status === 'Rejected') return [t('result.rejected'), 'error'];
  if (report?.errorCount > 0) return [t('result.partial'), 'warn'];
  return [t('result.accepted'), 'ok'];
}

const lockedErrors = (report) => (report?.errors ?? []).filter((e) => e.code === 'period-locked');

const where = (entry) => entry.cell ?? (entry.row ? t('report.row', { row: entry.row }) : t('report.file'));

function issues(title, entries) {
  return table(title, [t('report.cell'), t('report.column'), t('report.code'), t('report.message'), t('report.fix')],
    entries.map((entry) => h('tr', {},
      h('td', { class: 'mono' }, where(entry)),
      h('td', {}, entry.column ?? '–'),
      h('td', { class: 'mono' }, entry.code),
      h('td', {}, messageOf(entry)),
      h('td', {}, fixFor(entry.code)))), { class: 'report' });
}

/** The preview: Excel's row numbers and column letters; a cell named by an error, or a row an error names without a
 * cell, is marked (colour and a ⚠ with a text alternative, so it does not rest on colour alone). */
function preview(rows, report) {
  const badCells = new Set();
  const badRows = new Set();
  for (const error of report?.errors ?? []) {
    if (error.cell) badCells.add(error.cell.toUpperCase());
    else if (error.row) badRows.add(error.row);
  }
  const width = Math.max(...rows.map((row) => row.length));
  const letters = Array.from({ length: width }, (_, i) => columnLetter(i));
  const body = rows.map((row, index) => {
    const excelRow = index + 1;
    return h('tr', { class: badRows.has(excelRow) ? 'bad-row' : null },
      h('th', { scope: 'row', class: 'mono' }, excelRow),
      letters.map((letter, column) => {
        const bad = badCells.has(`${letter}${excelRow}`);
        return h('td', { class: bad ? 'bad' : null, 'data-cell': `${letter}${excelRow}` },
          bad ? h('span', { 'aria-hidden': 'true' }, '⚠ ') : null,
          row[column] ?? '',
          bad ? h('span', { class: 'sr-only' }, ` (${t('preview.bad')})`) : null);
      }));
  });
  return h('div', {},
    h('h3', {}, t('preview.title')),
    h('p', { class: 'hint' }, t('preview.caption')),
    table(t('preview.title'), ['#', ...letters], body, { class: 'preview' }));
}

/** The whole result; <rows> is the parsed preview, when the file is at hand (not for a stored report). */
export function renderResult(summary, rows) {
  const { upload, report } = summary;
  const [sentence, kind] = outcome(upload, report);
  const counts = ['imported', 'updated', 'unchanged', 'rejected'].map((name) =>
    h('div', { class: 'count', 'data-count': name }, h('dt', {}, t(`counts.${name}`)), h('dd', {}, upload[name] ?? 0)));
  const errors = report?.errors ?? [];
  const warnings = report?.warnings ?? [];
  return h('section', { class: 'result', 'aria-labelledby': 'result-title' },
    h('h2', { id: 'result-title', tabindex: '-1' }, t('result.title')),
    h('p', { class: `outcome ${kind}`, role: kind === 'error' ? 'alert' : null }, sentence),
    lockedErrors(report).length ? h('ul', { class: 'locked' }, lockedErrors(report).map((e) => h('li', {}, messageOf(e)))) : null,
    h('p', { class: 'hint' }, `${t('result.upload')}: `, h('span', { class: 'mono' }, upload.uploadId), ` · ${statusText(upload.status)}`),
    h('dl', { class: 'counts' }, counts),
    errors.length > 0
      ? [h('h3', {}, t('report.errors', { count: number(report.errorCount, 0) })), issues(t('report.errors', { count: report.errorCount }), errors),
        report.truncated ? h('p', { class: 'hint' }, t('report.truncated')) : null]
      : report ? h('p', {}, t('report.none')) : null,
    warnings.length > 0
      ? h('details', {}, h('summary', {}, t('report.warnings', { count: number(report.warningCount, 0) })), issues(t('report.warnings', { count: report.warningCount }), warnings))
      : null,
    rows?.length ? preview(rows, report) : null);
}
