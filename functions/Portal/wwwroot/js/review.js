// Tinjauan (review, issue 14): a regency-year's state, its history and the actions this key may take now. A regency key
// sees its own year and submits it; a province key (Walidata) and an admin see a work list, open a regency-year and
// verify, approve, return, reopen or grant a lock exception. Only the actions the API lists in nextActions are offered.
import { ApiError, call, explain, session } from './api.js';
import { $, clear, h, say, table } from './dom.js';
import { day, dateTimeWib, lang, percent, t, tIn } from './i18n.js';
import { failed, fillYears, path } from './views.js';
import { flagList } from './report.js';

const STATES = ['Open', 'Submitted', 'Verified', 'Approved'];
const NEEDS_COMMENT = new Set(['return', 'reopen']);

const role = () => session.me?.role;
const listsMany = () => role() === 'province' || role() === 'admin';

const stateBadge = (state) => h('span', { class: `badge state-${state}` }, t(`review.state.${state}`));

/** A refusal of the review API (403, 409, 400): its texts Indonesian first with English after, and what to do. */
function refusal(error, reload) {
  const body = error.body ?? {};
  const advice = error.status === 409 ? 'review.409.advice' : error.status === 403 ? 'review.403.advice' : 'review.400.advice';
  return h('div', { class: 'notice refusal', 'data-kind': 'error', role: 'alert' },
    h('p', { lang: 'id' }, body.detail_id ?? body.detail ?? explain(error), ' ', tIn('id', advice)),
    h('p', { lang: 'en' }, body.detail_en ?? '', ' ', tIn('en', advice)),
    error.status === 409 || error.status === 403 ? h('button', { type: 'button', class: 'secondary', onclick: reload }, t('review.reload')) : null);
}

function historyTable(history) {
  if (!history.length) return h('p', {}, t('review.history.none'));
  return table(t('review.history'), [t('review.at'), t('review.step'), t('review.change'), t('review.by'), t('review.role'), t('review.comment')],
    [...history].reverse().map((step) => h('tr', {},
      h('td', { class: 'num' }, dateTimeWib(step.at)),
      h('td', {}, t(`review.step.${step.action}`), step.unlockedUntil ? ` (${t('review.until.short', { day: day(step.unlockedUntil) })})` : null),
      h('td', {}, step.from === step.to ? t(`review.state.${step.to}`) : `${t(`review.state.${step.from}`)} → ${t(`review.state.${step.to}`)}`),
      h('td', { class: 'mono' }, step.by),
      h('td', {}, t(`review.role.${step.role}`)),
      h('td', {}, step.comment ?? '–'))), { class: 'review-history' });
}

function findingsOf(findings) {
  const c = findings.completeness;
  const quality = findings.quality ?? [];
  return h('section', { class: 'findings', 'aria-labelledby': 'findings-title' },
    h('h3', { id: 'findings-title' }, t('review.findings')),
    h('p', { class: 'hint' }, t('review.findings.hint')),
    c ? h('p', { 'data-finding': 'completeness' }, t('review.findings.completeness', {
      reported: c.reported.length, total: c.reported.length + c.missing.length, share: percent(c.share),
    }), c.missing.length ? ` ${t('review.findings.missing', { codes: c.missing.join(', ') })}` : '') : null,
    h('p', { 'data-finding': 'quality' }, findings.qualityFlags ? t('review.findings.quality', { count: findings.qualityFlags }) : t('quality.none')),
    quality.length ? flagList(quality) : null);
}

export const reviewView = {
  list: null,
  review: null,
  regencyName: null,
  outcome: null,
  /** Counts the reads: an answer that arrives after a newer read was asked for is dropped (a year chosen twice fast). */
  ticket: 0,
  init() {
    fillYears($('#review-year'));
    const filter = $('#review-state');
    filter.append(h('option', { value: '', 'data-i18n': 'review.state.all' }, t('review.state.all')));
    for (const state of STATES) filter.append(h('option', { value: state, 'data-i18n': `review.state.${state}` }, t(`review.state.${state}`)));
    $('#review-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.load();
    });
  },
  reset() {
    this.list = null;
    this.review = null;
    this.outcome = null;
    clear($('#review-list'));
    clear($('#review-detail'));
    const many = listsMany();
    $('#review-state').hidden = !many;
    $('label[for=review-state]').hidden = !many;
    this.intro();
  },
  intro() {
    const me = session.me;
    if (!me) return;
    $('#review-intro').textContent = role() === 'province' ? t('review.intro.province', { name: me.provinceName ?? me.provinceCode })
      : role() === 'admin' ? t('review.intro.admin') : t('review.intro.regency');
  },
  open() {
    if (!this.list && !this.review) this.load();
  },
  translate() {
    this.intro();
    this.renderList();
    this.renderDetail();
  },
  year: () => Number($('#review-year').value),
  /** A regency key: its own year at once. Province and admin: the work list of the year, filtered by state. */
  async load() {
    this.outcome = null;
    clear($('#review-detail'));
    if (!listsMany()) {
      await this.openYear(session.me.regencyCode, this.year(), false);
      return;
    }
    const target = $('#review-list');
    target.replaceChildren(h('p', { class: 'loading' }, t('common.loading')));
    this.review = null;
    const query = new URLSearchParams({ year: String(this.year()) });
    if ($('#review-state').value) query.set('state', $('#review-state').value);
    const ticket = ++this.ticket;
    try {
      const list = await call(`review?${query}`);
      if (ticket !== this.ticket) return;
      this.list = list;
      this.renderList();
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.list = null;
      const message = h('p', { class: 'notice' });
      target.replaceChildren(message);
      failed(message, error);
    }
  },
  renderList() {
    const list = this.list;
    if (!list) return;
    const counts = STATES.map((s) => `${t(`review.state.${s}`)}: ${list.regencies.filter((r) => r.state === s).length}`).join(' · ');
    $('#review-list').replaceChildren(
      h('p', { class: 'lead' }, t('review.list.summary', { count: list.count, year: list.year }), list.state ? null : ` ${counts}`),
      list.regencies.length === 0 ? h('p', {}, t('review.list.none')) : table(t('review.list.caption', { year: list.year }),
        [t('riwayat.regency'), t('skor.regency'), t('review.state'), t('review.changed'), t('review.open')],
        list.regencies.map((r) => h('tr', { 'data-regency': r.regencyCode },
          h('td', {}, r.regencyName), h('td', { class: 'mono' }, r.regencyCode), h('td', {}, stateBadge(r.state)),
          h('td', { class: 'num' }, r.changedAt ? dateTimeWib(r.changedAt) : '–'),
          h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': t('review.open.label', { name: r.regencyName, year: r.year }), onclick: () => this.openYear(r.regencyCode, r.year, true, r.regencyName) }, t('review.open')))))));
  },
  async openYear(code, year, focus, name) {
    const target = $('#review-detail');
    if (!code) return;
    target.replaceChildren(h('p', { class: 'loading' }, t('common.loading')));
    const ticket = ++this.ticket;
    try {
      const review = await call(path('regencies', code, 'years', String(year), 'review'));
      if (ticket !== this.ticket) return;
      this.review = review;
      this.regencyName = name ?? (session.me?.regency?.code === code ? session.me.regency.name : null);
      this.renderDetail();
      if (focus) $('#review-title')?.focus();
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.review = null;
      const message = h('p', { class: 'notice' });
      target.replaceChildren(message);
      failed(message, error);
    }
  },
  /** Reads the regency-year again (after a 409: another reviewer changed it), keeping no stale outcome. */
  async reload() {
    if (!this.review) return;
    this.outcome = null;
    await this.openYear(this.review.regency, this.review.year, true, this.regencyName);
    if (this.list) await this.refreshList();
  },
  async refreshList() {
    try {
      const query = new URLSearchParams({ year: String(this.list.year) });
      if (this.list.state) query.set('state', this.list.state);
      this.list = await call(`review?${query}`);
      this.renderList();
    } catch {
      // The list is only a convenience here; the detail above says what happened.
    }
  },
  renderDetail() {
    const r = this.review;
    if (!r) return;
    const title = this.regencyName ? `${this.regencyName} (${r.regency}) · ${r.year}` : `${r.regency} · ${r.year}`;
    const lock = r.lock.locked ? (lang() === 'en' ? r.lock.message : r.lock.messageId) ?? t('review.locked') : t('review.unlocked');
    $('#review-detail').replaceChildren(h('section', { class: 'card review', 'aria-labelledby': 'review-title' },
      h('h2', { id: 'review-title', tabindex: '-1' }, title),
      h('p', { class: 'lead', 'data-review': 'state' }, `${t('review.state')}: `, stateBadge(r.state), r.final ? ` ${t('review.final')}` : null),
      h('p', { 'data-review': 'lock', 'data-locked': String(r.lock.locked) }, lock),
      r.calendar ? h('p', { class: 'hint' }, t('review.calendar', { opens: day(r.calendar.opens), due: day(r.calendar.due), closes: day(r.calendar.closes) })) : null,
      r.unlockedUntil ? h('p', { class: 'hint' }, t('review.unlockedUntil', { day: day(r.unlockedUntil) })) : null,
      h('h3', {}, t('review.history')),
      historyTable(r.history),
      this.actionsForm(r),
      h('div', { id: 'review-outcome' }, this.outcome?.() ?? null)));
  },
  /** The form of the actions the API allows this key now; none offered, none drawn. */
  actionsForm(r) {
    const actions = r.nextActions;
    if (!actions.length) return h('p', { class: 'hint', 'data-review': 'no-actions' }, t('review.noactions'));
    const needsComment = actions.some((a) => NEEDS_COMMENT.has(a));
    const form = h('form', { id: 'review-actions', class: 'actions', novalidate: true, 'aria-labelledby': 'review-actions-title' },
      h('h3', { id: 'review-actions-title' }, t('review.actions')),
      h('label', { for: 'review-comment' }, t('review.comment')),
      h('textarea', { id: 'review-comment', name: 'comment', rows: '3', maxlength: '1000', 'aria-describedby': 'review-comment-hint review-comment-error' }),
      h('p', { id: 'review-comment-hint', class: 'hint' }, needsComment
        ? t('review.comment.required', { actions: actions.filter((a) => NEEDS_COMMENT.has(a)).map((a) => t(`review.do.${a}`)).join(', ') })
        : t('review.comment.optional')),
      h('p', { id: 'review-comment-error', class: 'error', role: 'alert', hidden: true }),
      actions.includes('unlock') ? [
        h('label', { for: 'review-until' }, t('review.until')),
        h('input', { id: 'review-until', name: 'until', type: 'date', 'aria-describedby': 'review-until-hint review-until-error' }),
        h('p', { id: 'review-until-hint', class: 'hint' }, t('review.until.hint')),
        h('p', { id: 'review-until-error', class: 'error', role: 'alert', hidden: true }),
      ] : null,
      h('div', { class: 'buttons' }, actions.map((a) => h('button', {
        type: 'button', 'data-action': a, class: a === 'return' || a === 'reopen' ? 'secondary' : null,
        'aria-describedby': NEEDS_COMMENT.has(a) ? 'review-comment-hint' : a === 'unlock' ? 'review-until-hint' : null,
        onclick: () => this.take(a),
      }, t(`review.do.${a}`)))));
    form.addEventListener('submit', (event) => event.preventDefault());
    return form;
  },
  async take(action) {
    const r = this.review;
    const comment = $('#review-comment');
    const commentError = $('#review-comment-error');
    const text = comment.value.trim();
    say(commentError, '');
    comment.removeAttribute('aria-invalid');
    if (NEEDS_COMMENT.has(action) && !text) {
      say(commentError, t('review.comment.missing', { action: t(`review.do.${action}`) }));
      comment.setAttribute('aria-invalid', 'true');
      comment.focus();
      return;
    }
    const body = { action, comment: text || null };
    if (action === 'unlock') {
      const until = $('#review-until');
      const untilError = $('#review-until-error');
      say(untilError, '');
      until.removeAttribute('aria-invalid');
      if (!until.value) {
        say(untilError, t('review.until.missing'));
        until.setAttribute('aria-invalid', 'true');
        until.focus();
        return;
      }
      body.until = until.value;
    }
    const buttons = [...document.querySelectorAll('#review-actions button')];
    for (const button of buttons) button.disabled = true;
    try {
      const answer = await call(path('regencies', r.regency, 'years', String(r.year), 'review'), { method: 'POST', body });
      this.review = answer.review;
      const { findings } = answer;
      const state = answer.review.state;
      this.outcome = () => [
        h('p', { class: 'notice', 'data-kind': 'ok', role: 'status' }, t(`review.done.${action}`, { state: t(`review.state.${state}`) })),
        findings ? findingsOf(findings) : null,
      ];
      this.renderDetail();
      $('#review-outcome .notice')?.setAttribute('tabindex', '-1');
      $('#review-outcome .notice')?.focus();
      if (this.list) await this.refreshList();
    } catch (error) {
      for (const button of buttons) button.disabled = false;
      if (error instanceof ApiError && error.status === 401) {
        failed($('#review-outcome'), error);
        return;
      }
      this.outcome = error instanceof ApiError && [400, 403, 409].includes(error.status)
        ? () => refusal(error, () => this.reload())
        : () => h('p', { class: 'notice', 'data-kind': 'error', role: 'alert' }, explain(error));
      $('#review-outcome').replaceChildren(this.outcome());
    }
  },
};
