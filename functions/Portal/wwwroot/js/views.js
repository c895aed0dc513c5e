// The portal's views after sign-in. Each keeps the data it last showed, so the language switch re-renders it at once.
import { ApiError, call, download, explain, session, upload } from './api.js';
import { $, clear, h, say, table } from './dom.js';
import { previewRows } from './csv.js';
import { bytes, dateTime, messageOf, number, percent, t } from './i18n.js';
import { flagList, flagMark, isFinal, renderResult, statusText } from './report.js';

/** Western Indonesia Time decides "this year", as the API's template default does. */
const thisYear = () => new Date(Date.now() + 7 * 3600 * 1000).getUTCFullYear();

/** Template layouts the API offers; one more format is one more entry here. */
export const TEMPLATE_FORMATS = [
  { value: 'long', label: 'templat.long' },
  { value: 'wide', label: 'templat.wide' },
  { value: 'xlsx', label: 'templat.xlsx' },
];

const POLL_FIRST_MS = 1000;
const POLL_MAX_MS = 4000;
const POLL_GIVE_UP_MS = 15 * 60 * 1000;

const isAdmin = () => session.me?.role === 'admin';
const isProvince = () => session.me?.role === 'province';

/** Admin and province keys work on many regencies: they name one in the menu's field (or none, for all of theirs). */
const usesScope = () => isAdmin() || isProvince();

/** The regency a view works on: a regency key's own, or for an admin or a province key the one typed in the menu. */
const regencyCode = () => (usesScope() ? $('#scope').value.trim() : session.me?.regencyCode ?? '');

/** Says what went wrong where the officer is looking; an unaccepted key signs out. */
export function failed(element, error) {
  if (error instanceof ApiError && error.status === 401) {
    dispatchEvent(new Event('readiness:unauthorized'));
    return;
  }
  if (!(error instanceof ApiError)) console.error(error);
  say(element, explain(error), 'error');
}

export function fillYears(select) {
  clear(select);
  const year = thisYear();
  for (let y = year; y >= year - 8; y -= 1) select.append(h('option', { value: y }, y));
  select.value = String(year - 1);
}

export const path = (...parts) => parts.map(encodeURIComponent).join('/');

let catalog = null;
async function indicatorNames() {
  if (!catalog) {
    const document = await call('indicators');
    catalog = new Map((document.indicators ?? []).map((i) => [i.code, i.name]));
  }
  return catalog;
}

// Unggah ---------------------------------------------------------------------------------------------------------

const uploadView = {
  last: null,
  init() {
    const drop = $('#drop');
    const input = $('#file');
    const chosen = () => {
      const file = input.files[0];
      say($('#upload-status'), file ? t('unggah.dropped', { name: file.name, size: bytes(file.size) }) : '', 'info');
    };
    input.addEventListener('change', chosen);
    for (const name of ['dragenter', 'dragover']) {
      drop.addEventListener(name, (event) => {
        event.preventDefault();
        drop.classList.add('over');
      });
    }
    for (const name of ['dragleave', 'drop']) drop.addEventListener(name, () => drop.classList.remove('over'));
    drop.addEventListener('drop', (event) => {
      event.preventDefault();
      if (event.dataTransfer?.files?.length) {
        input.files = event.dataTransfer.files;
        chosen();
      }
    });
    $('#upload').addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
  },
  reset() {
    this.last = null;
    clear($('#upload-result'));
    say($('#upload-status'), '');
    $('#progress-box').hidden = true;
    $('#upload').reset();
  },
  open() {
    const me = session.me;
    if (me) $('#file-hint').textContent = t('unggah.file.hint', { max: bytes(me.maxUploadBytes), async: bytes(me.asyncThresholdBytes) });
  },
  translate() {
    this.open();
    if (this.last) this.render();
  },
  render() {
    const result = $('#upload-result');
    result.replaceChildren(renderResult(this.last.summary, this.last.rows));
    if (this.last.message) say($('#upload-status'), this.last.message(), 'error');
  },
  async show(summary, file, message) {
    const rows = summary.report && !summary.report.fileType && !summary.report.errors?.some((e) => e.code === 'not-csv')
      ? await previewRows(file, summary.report).catch(() => null) : null;
    this.last = { summary, rows, message };
    if (!message) say($('#upload-status'), '');
    this.render();
    $('#result-title')?.focus();
  },
  async send() {
    const status = $('#upload-status');
    const file = $('#file').files[0];
    clear($('#upload-result'));
    this.last = null;
    if (!file) return say(status, t('unggah.nofile'), 'error');
    if (file.size === 0) return say(status, t('unggah.emptyfile', { name: file.name }), 'error');
    const code = regencyCode();
    if (!code) return say(status, t('scope.needed'), 'error');

    const query = new URLSearchParams();
    if ($('#partial').checked) query.set('mode', 'partial');
    if ($('#dryrun').checked) query.set('dryRun', 'true');
    const button = $('#upload-submit');
    const progress = $('#progress');
    const box = $('#progress-box');
    button.disabled = true;
    box.hidden = false;
    progress.value = 0;
    try {
      const answer = await upload(`${path('regencies', code, 'uploads')}?${query}`, file, (share) => {
        progress.value = Math.round(share * 100);
        $('#progress-text').textContent = `${progress.value}%`;
        say(status, share < 1 ? t('unggah.sending', { percent: progress.value }) : t('unggah.waiting'), 'info');
      });
      progress.value = 100;
      if (answer.status === 401) return failed(status, new ApiError(401, answer.body));
      if (!answer.body?.upload) return failed(status, new ApiError(answer.status, answer.body));
      if (answer.status === 202) return await this.follow(answer, file);
      const refused = answer.status === 413 || answer.status === 415 ? () => explain(new ApiError(answer.status, answer.body)) : null;
      await this.show(answer.body, file, refused);
    } catch (error) {
      failed(status, error);
    } finally {
      button.disabled = false;
      box.hidden = true;
    }
  },
  /** A queued upload: polls its status Location until it is final, saying each new status once. */
  async follow(answer, file) {
    const status = $('#upload-status');
    const location = answer.location;
    let upload = answer.body.upload;
    let wait = POLL_FIRST_MS;
    const started = Date.now();
    let said = '';
    while (!isFinal(upload.status)) {
      if (upload.status !== said) {
        said = upload.status;
        say(status, t('unggah.queued', { status: statusText(upload.status) }), 'info');
      }
      if (Date.now() - started > POLL_GIVE_UP_MS) return say(status, t('unggah.lost'), 'error');
      await new Promise((resolve) => { setTimeout(resolve, wait); });
      wait = Math.min(wait * 1.5, POLL_MAX_MS);
      const summary = await call(location);
      upload = summary.upload;
      if (isFinal(upload.status)) return this.show(summary, file, null);
    }
    return this.show(answer.body, file, null);
  },
};

// Templat --------------------------------------------------------------------------------------------------------

const templateView = {
  init() {
    fillYears($('#template-year'));
    const formats = $('#template-formats');
    TEMPLATE_FORMATS.forEach((format, index) => {
      formats.append(h('div', { class: 'check' },
        h('input', { type: 'radio', name: 'format', id: `format-${format.value}`, value: format.value, checked: index === 0 }),
        h('label', { for: `format-${format.value}`, 'data-i18n': format.label }, t(format.label))));
    });
    $('#template').addEventListener('submit', (event) => {
      event.preventDefault();
      this.fetch();
    });
  },
  reset() {
    say($('#template-status'), '');
  },
  async fetch() {
    const status = $('#template-status');
    const query = new URLSearchParams({ format: $('#template input[name=format]:checked').value, year: $('#template-year').value });
    const code = regencyCode();
    if (code) query.set('regency', code);
    try {
      const { blob, name } = await download(`template?${query}`);
      const link = h('a', { href: URL.createObjectURL(blob), download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      say(status, t('templat.done', { name }), 'ok');
    } catch (error) {
      failed(status, error);
    }
  },
};

// Riwayat --------------------------------------------------------------------------------------------------------

const historyView = {
  list: null,
  report: null,
  reset() {
    this.list = null;
    this.report = null;
    clear($('#history'));
    clear($('#history-report'));
  },
  open() {
    this.load();
  },
  translate() {
    this.render();
  },
  async load() {
    const target = $('#history');
    const code = regencyCode();
    if (!code) {
      target.replaceChildren(h('p', { class: 'notice', 'data-kind': 'info' }, t('scope.needed')));
      return;
    }
    target.replaceChildren(h('p', { class: 'loading' }, t('common.loading')));
    try {
      this.list = await call(`${path('regencies', code, 'uploads')}?top=50`);
      this.render();
    } catch (error) {
      this.list = null;
      const message = h('p', { class: 'notice' });
      target.replaceChildren(message);
      failed(message, error);
    }
  },
  render() {
    if (this.list) $('#history').replaceChildren(uploadTable(this.list.uploads, t('riwayat.caption'), false, (upload) => this.show(upload)));
    if (this.report) {
      const summary = this.report;
      $('#history-report').replaceChildren(h('h2', {}, t('riwayat.report.title', { id: summary.upload.uploadId })),
        summary.report ? renderResult(summary, null) : h('p', {}, t('riwayat.noreport')));
    }
  },
  async show(upload) {
    try {
      this.report = await call(path('regencies', upload.regency, 'uploads', upload.uploadId));
      this.render();
      $('#history-report h2')?.setAttribute('tabindex', '-1');
      $('#history-report h2')?.focus();
    } catch (error) {
      const message = h('p', { class: 'notice' });
      $('#history-report').replaceChildren(message);
      failed(message, error);
    }
  },
};

function uploadTable(uploads, caption, withRegency, onShow) {
  if (!uploads.length) return h('p', {}, withRegency ? t('nasional.none') : t('riwayat.none'));
  const headers = [t('riwayat.received'), ...(withRegency ? [t('riwayat.regency')] : []), t('riwayat.file'), t('riwayat.status'),
    t('riwayat.rows'), t('counts.imported'), t('counts.updated'), t('counts.unchanged'), t('counts.rejected'), t('riwayat.errors'),
    ...(onShow ? [t('riwayat.report')] : [])];
  return table(caption, headers, uploads.map((u) => h('tr', {},
    h('td', {}, dateTime(u.receivedAt)),
    withRegency ? h('td', { class: 'mono' }, u.regency) : null,
    h('td', {}, u.fileName ?? '–'),
    h('td', {}, h('span', { class: `badge ${u.status}` }, statusText(u.status))),
    h('td', { class: 'num' }, u.rows ?? 0), h('td', { class: 'num' }, u.imported ?? 0), h('td', { class: 'num' }, u.updated ?? 0),
    h('td', { class: 'num' }, u.unchanged ?? 0), h('td', { class: 'num' }, u.rejected ?? 0), h('td', { class: 'num' }, u.errors ?? 0),
    onShow ? h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => onShow(u), 'aria-label': `${t('riwayat.show')} ${u.fileName ?? u.uploadId}` }, t('riwayat.show'))) : null)));
}

// Kelengkapan ----------------------------------------------------------------------------------------------------

/** A year-and-show form whose view loads on opening and re-renders on a language switch. */
function yearView(form, select, target, load, render) {
  return {
    data: null,
    /** Counts the reads, as the review view does: an answer that arrives after a newer read was asked for (the year
     * opened by default, then the one chosen) or after a reset (signed out) is dropped. */
    ticket: 0,
    init() {
      fillYears($(select));
      $(form).addEventListener('submit', (event) => {
        event.preventDefault();
        this.load();
      });
    },
    reset() {
      this.ticket += 1;
      this.data = null;
      clear($(target));
    },
    open() {
      if (!this.data) this.load();
    },
    translate() {
      if (this.data) render(this.data, $(target));
    },
    async load() {
      const element = $(target);
      element.replaceChildren(h('p', { class: 'loading' }, t('common.loading')));
      const ticket = ++this.ticket;
      try {
        const data = await load(Number($(select).value));
        if (ticket !== this.ticket) return;
        this.data = data;
        if (this.data) render(this.data, element);
      } catch (error) {
        if (ticket !== this.ticket) return;
        this.data = null;
        const message = h('p', { class: 'notice' });
        element.replaceChildren(message);
        failed(message, error);
      }
    },
  };
}

const completenessView = yearView('#completeness-form', '#completeness-year', '#completeness',
  async (year) => {
    const [list, names] = await Promise.all([call(`completeness?year=${year}`), indicatorNames()]);
    const code = regencyCode();
    return { list, names, code };
  },
  ({ list, names, code }, element) => {
    const rows = code ? list.regencies.filter((r) => r.regencyCode === code) : list.regencies;
    if (usesScope() && !code) {
      element.replaceChildren(reportingTable(list.reporting), nationalTable(list, true));
      return;
    }
    const row = rows[0];
    if (!row) {
      element.replaceChildren(h('p', {}, t('kelengkapan.none')));
      return;
    }
    const item = (c) => h('li', {}, h('span', { class: 'mono' }, c), ` ${names.get(c) ?? ''}`);
    element.replaceChildren(
      h('p', { class: 'lead' }, t('kelengkapan.summary', {
        name: row.regencyName, reported: row.reported.length, total: row.reported.length + row.missing.length, year: list.year, share: percent(row.share),
      })),
      h('meter', { min: 0, max: 1, value: row.share, 'aria-label': percent(row.share) }),
      h('p', { class: row.openFlags ? 'notice flags' : 'flags', 'data-kind': row.openFlags ? 'warn' : null, 'data-open-flags': row.openFlags ?? 0 },
        row.openFlags ? [h('span', { 'aria-hidden': 'true' }, '⚠ '), t('kelengkapan.flags', { year: list.year, count: row.openFlags })] : t('quality.none')),
      h('div', { class: 'columns' },
        h('section', { 'aria-labelledby': 'missing-title' }, h('h2', { id: 'missing-title' }, t('kelengkapan.missing', { count: row.missing.length })),
          row.missing.length ? h('ul', { class: 'codes missing' }, row.missing.map(item)) : h('p', {}, t('kelengkapan.all'))),
        h('section', { 'aria-labelledby': 'reported-title' }, h('h2', { id: 'reported-title' }, t('kelengkapan.reported', { count: row.reported.length })),
          h('ul', { class: 'codes' }, row.reported.map(item)))));
  });

/** Each regency's completeness; with <review>, its review state and whether it submitted on time (the completeness view). */
function nationalTable(list, review = false) {
  const regencies = [...list.regencies].sort((a, b) => a.share - b.share || a.regencyCode.localeCompare(b.regencyCode));
  const missing = regencies.filter((r) => r.reported.length === 0).length;
  const partial = regencies.filter((r) => r.reported.length > 0 && r.missing.length > 0).length;
  const reviewHeaders = review ? [t('kelengkapan.review'), t('kelengkapan.timeliness')] : [];
  return h('div', {},
    h('p', { class: 'lead' }, t('nasional.summary', { missing, total: regencies.length, partial, year: list.year })),
    table(t('nasional.caption'), [t('riwayat.regency'), t('skor.regency'), t('nasional.share'), t('nasional.missing'), t('kelengkapan.flags.column'), ...reviewHeaders],
      regencies.map((r) => h('tr', { class: r.reported.length === 0 ? 'none' : null, 'data-regency': r.regencyCode },
        h('td', {}, r.regencyName), h('td', { class: 'mono' }, r.regencyCode),
        h('td', { class: 'num' }, percent(r.share)), h('td', { class: 'num' }, r.missing.length),
        h('td', { class: 'num', 'data-open-flags': r.openFlags ?? 0 }, r.openFlags ? [h('span', { 'aria-hidden': 'true' }, '⚠ '), r.openFlags] : 0),
        review ? h('td', { 'data-state': r.reviewState }, t(`kelengkapan.state.${r.reviewState ?? 'Open'}`)) : null,
        review ? h('td', { 'data-timeliness': r.timeliness }, r.timeliness ? t(`kelengkapan.time.${r.timeliness}`) : '–') : null))));
}

/** The reporting rate and timeliness of the year: one row per province (as it was that year), then the total. */
function reportingTable(reporting) {
  if (!reporting) return h('div');
  const count = (value) => (value == null ? t('kelengkapan.notjudged') : value);
  const row = (f, label, total) => h('tr', { class: total ? 'total' : null, 'data-province': f.provinceCode ?? 'all' },
    h('th', { scope: 'row' }, label),
    h('td', { class: 'num', 'data-figure': 'expected' }, f.expected), h('td', { class: 'num', 'data-figure': 'submitted' }, f.submitted),
    h('td', { class: 'num', 'data-figure': 'rate' }, percent(f.rate)),
    h('td', { class: 'num', 'data-figure': 'onTime' }, count(f.onTime)), h('td', { class: 'num', 'data-figure': 'late' }, count(f.late)),
    h('td', { class: 'num', 'data-figure': 'onTimeRate' }, f.onTimeRate == null ? t('kelengkapan.notjudged') : percent(f.onTimeRate)),
    h('td', { class: 'num', 'data-figure': 'notSubmitted' }, f.notSubmitted), h('td', { class: 'num', 'data-figure': 'dataNotSubmitted' }, f.dataNotSubmitted),
    h('td', { class: 'num', 'data-figure': 'returned' }, f.returned));
  const deadline = reporting.calendar
    ? t('kelengkapan.reporting.due', { due: reporting.calendar.due, closes: reporting.calendar.closes })
    : '';
  return h('section', { class: 'reporting', 'aria-labelledby': 'reporting-title' },
    h('h2', { id: 'reporting-title' }, t('kelengkapan.reporting.title', { year: reporting.year })),
    h('p', { class: 'notice', 'data-kind': 'info', 'data-judged': String(reporting.timeliness.judged) },
      [deadline, messageOf(reporting.timeliness)].filter(Boolean).join(' ')),
    table(t('kelengkapan.reporting.caption'),
      [t('kelengkapan.reporting.province'), t('kelengkapan.reporting.expected'), t('kelengkapan.reporting.submitted'), t('kelengkapan.reporting.rate'),
        t('kelengkapan.reporting.ontime'), t('kelengkapan.reporting.late'), t('kelengkapan.reporting.ontimerate'), t('kelengkapan.reporting.notsubmitted'),
        t('kelengkapan.reporting.datanotsubmitted'), t('kelengkapan.reporting.returned')],
      [...reporting.provinces.map((f) => row(f, `${f.provinceName} (${f.provinceCode})`, false)), row(reporting.national, t('kelengkapan.reporting.total'), true)]));
}

// Skor -----------------------------------------------------------------------------------------------------------

const dimensionName = (name) => t(`dim.${name}`);
// final: the regency-year is approved; provisional: its data may still change.
const statusName = (status) => t(status === 'final' ? 'skor.status.final' : 'skor.status.provisional');

const scoreView = yearView('#score-form', '#score-year', '#score',
  async (year) => {
    const code = regencyCode();
    if (!code && isProvince()) return { year, ranking: await call(`scores?year=${year}&province=${encodeURIComponent(session.me.provinceCode)}`) };
    if (!code) return { needed: true };
    const history = await call(path('regencies', code, 'scores'));
    try {
      return { year, history, explained: await call(path('regencies', code, 'scores', String(year), 'explain')) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { year, history, explained: null };
      throw error;
    }
  },
  ({ needed, year, ranking, history, explained }, element) => {
    if (ranking) {
      element.replaceChildren(provinceScores(ranking, year));
      return;
    }
    if (needed) {
      element.replaceChildren(h('p', { class: 'notice', 'data-kind': 'info' }, t('skor.regency.needed')));
      return;
    }
    const past = historyTable(history);
    if (!explained) {
      element.replaceChildren(h('p', { class: 'notice', 'data-kind': 'info' }, t('skor.none', { year })), past);
      return;
    }
    const e = explained;
    const trend = e.trend == null ? t('skor.first') : `${e.trend > 0 ? '▲ +' : e.trend < 0 ? '▼ ' : ''}${number(e.trend)}`;
    const card = (label, value, name) => h('div', { class: 'count', 'data-score': name }, h('dt', {}, label), h('dd', {}, value));
    element.replaceChildren(
      h('h2', {}, `${e.regency.name} (${e.regency.code}) · ${e.year}`),
      h('dl', { class: 'counts scores' },
        card(t('skor.overall'), number(e.overall), 'overall'),
        card(t('skor.level'), `${e.level} · ${e.levelName}`, 'level'),
        card(t('skor.coverage'), percent(e.coverage), 'coverage'),
        card(t('skor.rank.national'), e.nationalRank ?? '–', 'national-rank'),
        card(t('skor.rank.province'), e.provinceRank ?? '–', 'province-rank'),
        card(t('skor.trend'), trend, 'trend'),
        card(t('skor.status'), statusName(e.status), 'status')),
      h('h3', {}, t('skor.dimensions')),
      table(t('skor.dimensions'), [t('skor.dimension'), t('skor.score'), '', t('skor.coverage'), t('skor.weight')],
        e.dimensions.map((d) => h('tr', {},
          h('td', {}, dimensionName(d.dimension)), h('td', { class: 'num' }, number(d.score)),
          h('td', {}, h('meter', { min: 0, max: 100, value: d.score, 'aria-label': `${dimensionName(d.dimension)} ${number(d.score)}` })),
          h('td', { class: 'num' }, percent(d.coverage)), h('td', { class: 'num' }, d.weight == null ? '–' : number(d.weight, 2))))),
      h('h3', {}, t('skor.indicators')),
      table(t('skor.indicators'), [t('skor.indicator'), t('skor.dimension'), t('skor.value'), t('skor.score'), t('skor.weight'), t('skor.periods')],
        e.indicators.map((i) => h('tr', { class: i.reported ? null : 'none', 'data-indicator': i.code },
          h('td', {}, h('span', { class: 'mono' }, i.code), ` ${i.name}`, i.qualityFlags?.length ? [' ', flagMark(i.qualityFlags)] : null),
          h('td', {}, dimensionName(i.dimension)),
          i.reported ? h('td', { class: 'num' }, number(i.value, 2)) : h('td', {}, t('skor.notreported')),
          h('td', { class: 'num' }, i.score == null ? '–' : number(i.score * 100)),
          h('td', { class: 'num' }, number(i.weight, 2)), h('td', {}, i.periods.join(', ') || '–')))),
      scoreFlags(e.qualityFlags ?? []),
      past);
  });

/** The open data-quality flags of the explained regency-year, under the indicators they mark. */
function scoreFlags(flags) {
  return h('section', { class: 'quality', 'aria-labelledby': 'score-flags-title' },
    h('h3', { id: 'score-flags-title' }, t('skor.flags', { count: flags.length })),
    flags.length ? [h('p', { class: 'hint' }, t('skor.flags.hint')), flagList(flags)] : h('p', {}, t('quality.none')));
}

/** A province key without a regency named: the ranked scores of its province's regencies. */
function provinceScores(ranking, year) {
  if (!ranking.scores.length) return h('p', { class: 'notice', 'data-kind': 'info' }, t('skor.none', { year }));
  return h('div', {}, h('p', { class: 'hint' }, t('skor.province.hint')),
    table(t('skor.province.caption', { year }), [t('skor.rank.province'), t('riwayat.regency'), t('skor.regency'), t('skor.overall'), t('skor.level'), t('skor.coverage'), t('skor.rank.national')],
      ranking.scores.map((s) => h('tr', {},
        h('td', { class: 'num' }, s.provinceRank ?? '–'), h('td', {}, s.regencyName), h('td', { class: 'mono' }, s.regencyCode),
        h('td', { class: 'num' }, number(s.overall)), h('td', {}, `${s.level} · ${s.levelName}`),
        h('td', { class: 'num' }, percent(s.coverage)), h('td', { class: 'num' }, s.nationalRank ?? '–')))));
}

function historyTable(history) {
  if (!history?.years?.length) return h('div');
  return h('div', {}, h('h3', {}, t('skor.history')),
    table(t('skor.history'), [t('common.year'), t('skor.overall'), t('skor.level'), t('skor.coverage'), t('skor.rank.national'), t('skor.trend'), t('skor.status')],
      history.years.map((y) => h('tr', {},
        h('td', {}, y.year), h('td', { class: 'num' }, number(y.overall)), h('td', {}, `${y.level} · ${y.levelName}`),
        h('td', { class: 'num' }, percent(y.coverage)), h('td', { class: 'num' }, y.nationalRank ?? '–'),
        h('td', { class: 'num' }, y.trend == null ? '–' : number(y.trend)), h('td', {}, statusName(y.status))))));
}

// Nasional (admin) -----------------------------------------------------------------------------------------------

const nationalView = yearView('#national-form', '#national-year', '#national',
  async (year) => {
    const [list, recent] = await Promise.all([call(`completeness?year=${year}`), call('uploads?top=50')]);
    return { list, recent };
  },
  ({ list, recent }, element) => {
    element.replaceChildren(nationalTable(list));
    $('#recent').replaceChildren(uploadTable(recent.uploads, t('nasional.recent'), true, null));
  });

export const views = {
  unggah: uploadView,
  templat: templateView,
  riwayat: historyView,
  kelengkapan: completenessView,
  skor: scoreView,
  nasional: nationalView,
};
