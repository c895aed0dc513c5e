// An upload's result: its counts, its report as a table (Excel cell, column, code, message, how to fix), the values the
// data-quality checks ask to look at again, and a preview of the file's first rows with the failing cells marked.
import { h, table } from './dom.js';
import { columnLetter } from './csv.js';
import { fixFor, lang, messageOf, number, t } from './i18n.js';

const FINAL = new Set(['Completed', 'Validated', 'Rejected', 'Failed']);

export const isFinal = (status) => FINAL.has(status);

export const statusText = (status) => t(`status.${status}`);

// Data quality (issue 15) ------------------------------------------------------------------------------------------

/** The warnings of the data-quality checks: about stored values of a regency-year, never blocking. */
const QUALITY = new Set(['rule-violation', 'outlier', 'possible-thousands-error']);

export const isQuality = (entry) => QUALITY.has(entry.code);

/** A quality code in words (pencilan, aturan tidak terpenuhi…). */
export const qualityName = (code) => t(`quality.code.${code}`);

/** A rule's importance as the API writes it: high, medium or low. */
const importanceOf = (value) => value?.toString().toLowerCase() ?? null;

const list = (value) => (Array.isArray(value) ? value.join(', ') : value);

/** Where a quality warning is: the warning's own fields when the report carries them, else read from its English
 * message, which starts with the regency-year (<c>13.07 2024: BRA-03 2024: …</c>, <c>13.07 2024: Rule R "…" …</c>). */
function placeOf(entry) {
  const text = entry.message ?? '';
  const head = /^(\S+) (\d{4}): /.exec(text);
  const rest = head ? text.slice(head[0].length) : text;
  return {
    regency: entry.regency ?? entry.regencyCode ?? entry.regency_code ?? head?.[1] ?? null,
    year: entry.year ?? head?.[2] ?? null,
    indicator: list(entry.indicator ?? entry.indicators) ?? /^([A-Z]{2,}-\d+\S*) \d{4}: /.exec(rest)?.[1]
      ?? /values of ([A-Z0-9, -]+?) for this year/.exec(rest)?.[1] ?? null,
    rule: entry.rule ?? entry.ruleCode ?? entry.rule_code ?? /^Rule (\S+) /.exec(rest)?.[1] ?? null,
    importance: importanceOf(entry.importance),
  };
}

/** The message without the regency-year it starts with when that is shown in its own columns. */
function withoutPlace(text, place) {
  const prefix = `${place.regency} ${place.year}: `;
  return place.regency && text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

const importanceText = (importance) => (importance ? t('quality.importance', { level: t(`quality.importance.${importance}`) }) : null);

/** The quality warnings of an upload, open (not folded away): each with its indicator and year, the message with its
 * evidence (median and MAD, fences, the previous value) and what to do. */
function qualitySection(entries) {
  const places = entries.map(placeOf);
  return h('section', { class: 'quality', 'aria-labelledby': 'quality-title' },
    h('h3', { id: 'quality-title' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('report.quality', { count: entries.length })),
    h('p', { class: 'hint' }, t('report.quality.hint')),
    table(t('report.quality', { count: entries.length }),
      [t('riwayat.regency'), t('skor.indicator'), t('common.year'), t('report.code'), t('report.message'), t('report.fix')],
      entries.map((entry, i) => {
        const place = places[i];
        return h('tr', { 'data-code': entry.code },
          h('td', { class: 'mono' }, place.regency ?? '–'),
          h('td', { class: 'mono', 'data-indicator': '' }, place.indicator ?? place.rule ?? '–'),
          h('td', { 'data-year': '' }, place.year ?? '–'),
          h('td', {}, qualityName(entry.code), ' ', h('span', { class: 'mono' }, `(${entry.code})`),
            importanceText(place.importance) ? h('div', { class: 'hint' }, importanceText(place.importance)) : null),
          h('td', {}, withoutPlace(messageOf(entry), place)),
          h('td', {}, fixFor(entry.code)));
      }), { class: 'report quality-report' }));
}

/** The sentence that names the values to check: "2 nilai perlu diperiksa: BRA-03 (2024); …". */
function qualitySentence(entries) {
  const places = entries.map(placeOf);
  const regencies = new Set(places.map((p) => p.regency));
  const named = [...new Set(places.map((p, i) => {
    const what = p.indicator ?? p.rule ?? qualityName(entries[i].code);
    return `${regencies.size > 1 && p.regency ? `${p.regency} ` : ''}${what}${p.year ? ` (${p.year})` : ''}`;
  }))];
  return t(entries.length === 1 ? 'result.quality.one' : 'result.quality', { count: entries.length, list: named.join('; ') });
}

/** A flag stored in the qualityflags table (GET /api/quality, a score's explanation, a review's findings) as a list
 * item: its code in words, the importance of a rule, and the message in the chosen language. */
export function flagList(findings) {
  return h('ul', { class: 'flags' }, findings.map((f) => h('li', { 'data-code': f.code },
    h('strong', {}, qualityName(f.code)), ' ', h('span', { class: 'mono' }, `(${f.code})`),
    importanceOf(f.importance) ? ` · ${importanceText(importanceOf(f.importance))}` : '', ': ',
    lang() === 'en' ? f.message : f.messageIndonesian ?? f.message)));
}

/** The visible mark of an indicator that carries open flags ("⚠ perlu diperiksa: pencilan"): text, not colour alone. */
export function flagMark(codes) {
  return h('span', { class: 'flag', 'data-flags': codes.join(' ') },
    h('span', { 'aria-hidden': 'true' }, '⚠ '), t('quality.flagged', { what: codes.map(qualityName).join(', ') }));
}

// The result --------------------------------------------------------------------------------------------------------

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
  // Stored, but the quality checks ask for values to be looked at again: not the plain green "accepted".
  const quality = (report?.warnings ?? []).filter(isQuality);
  if (report?.errorCount > 0) return [quality.length ? `${t('result.partial')} ${qualitySentence(quality)}` : t('result.partial'), 'warn'];
  if (quality.length) return [`${t('result.stored')} ${qualitySentence(quality)}`, 'warn'];
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
  const quality = (report?.warnings ?? []).filter(isQuality);
  const warnings = (report?.warnings ?? []).filter((w) => !isQuality(w));
  const otherCount = Math.max(warnings.length, (report?.warningCount ?? 0) - quality.length);
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
    quality.length > 0 ? qualitySection(quality) : null,
    warnings.length > 0
      ? h('details', {}, h('summary', {}, t('report.warnings', { count: number(otherCount, 0) })), issues(t('report.warnings', { count: otherCount }), warnings))
      : null,
    rows?.length ? preview(rows, report) : null);
}
