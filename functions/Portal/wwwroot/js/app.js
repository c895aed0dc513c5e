// The portal's shell: sign-in, the language switch, the menu and which view shows.
import { ApiError, call, explain, session } from './api.js';
import { $, say } from './dom.js';
import { applyStatic, lang, setLang, t } from './i18n.js';
import { views as regencyViews } from './views.js';
import { reviewView } from './review.js';

const views = { ...regencyViews, tinjauan: reviewView };

/** The views of each role, the first one opened after sign-in. A province key (Walidata) cannot upload: it reads its
 * province's regencies and reviews their years. */
const ROLE_VIEWS = {
  regency: ['unggah', 'templat', 'riwayat', 'kelengkapan', 'skor', 'tinjauan'],
  province: ['tinjauan', 'kelengkapan', 'skor', 'riwayat'],
  admin: ['unggah', 'templat', 'riwayat', 'kelengkapan', 'skor', 'tinjauan', 'nasional'],
};

let shown = null;

const allowed = () => ROLE_VIEWS[session.me?.role] ?? ROLE_VIEWS.regency;

function wanted() {
  const name = location.hash.replace(/^#\/?/, '');
  return allowed().includes(name) ? name : allowed()[0];
}

/** Shows one view; <focus> moves focus to its heading (after a choice in the menu, not on the first load). */
function show(name, focus) {
  shown = name;
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${name}`;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  views[name]?.open?.();
  const heading = $(`#view-${name} h1`);
  // The heading takes focus after a menu choice, so a screen reader announces the new view.
  heading.setAttribute('tabindex', '-1');
  if (focus) heading.focus();
}

function renderWho() {
  const me = session.me;
  const who = $('#whoami');
  if (!me) {
    say(who, '');
    return;
  }
  say(who, me.role === 'admin' ? t('who.admin')
    : me.role === 'province' ? t('who.province', { name: me.provinceName ?? '', code: me.provinceCode })
    : me.regency ? t('who.regency', { name: me.regency.name, code: me.regency.code })
      : t('who.regency.unknown', { code: me.regencyCode }));
}

function signedIn(me) {
  session.me = me;
  const mine = allowed();
  for (const link of document.querySelectorAll('#nav a[data-view]')) link.parentElement.hidden = !mine.includes(link.dataset.view);
  // Admin and province keys name the regency they work on; a province key's field is about its own regencies.
  for (const element of document.querySelectorAll('[data-scoped]')) element.hidden = me.role !== 'admin' && me.role !== 'province';
  $('#scope-hint').dataset.i18n = me.role === 'province' ? 'scope.hint.province' : 'scope.hint';
  applyStatic();
  $('#nav').hidden = false;
  $('#signout').hidden = false;
  renderWho();
  for (const view of Object.values(views)) view.reset?.();
}

function signedOut(message) {
  session.key = null;
  session.me = null;
  $('#nav').hidden = true;
  $('#signout').hidden = true;
  for (const view of Object.values(views)) view.reset?.();
  renderWho();
  shown = 'masuk';
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== 'view-masuk';
  say($('#notice'), message, 'info');
  if (location.hash) history.replaceState(null, '', location.pathname);
  $('#key').value = '';
  // The next key may be another role's: no regency worked on is carried over.
  $('#scope').value = '';
}

async function signIn(event) {
  event.preventDefault();
  const input = $('#key');
  const error = $('#signin-error');
  const key = input.value.trim();
  if (!key) {
    say(error, t('masuk.empty'));
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  try {
    const me = await call('me', { key });
    session.key = key;
    input.value = '';
    input.removeAttribute('aria-invalid');
    say(error, '');
    say($('#notice'), '');
    signedIn(me);
    show(wanted(), true);
  } catch (failure) {
    say(error, explain(failure));
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

function switchLanguage() {
  setLang(lang() === 'id' ? 'en' : 'id');
  translate();
  renderWho();
  for (const view of Object.values(views)) view.translate?.();
}

function translate() {
  applyStatic();
  const button = $('#lang');
  button.textContent = t('lang.switch');
  // The button names the other language in that language.
  button.lang = lang() === 'id' ? 'en' : 'id';
  button.setAttribute('aria-label', t('lang.switch.label'));
}

/** A 401 while signed in means the key was revoked or expired: back to Masuk, saying so. */
addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof ApiError && event.reason.status === 401) signedOut(t('err.signin.again'));
});
addEventListener('readiness:unauthorized', () => signedOut(t('err.signin.again')));

/** The page answers input: the tests wait for this, the benchmark reads the mark as its time to interactive. */
function ready() {
  document.body.dataset.ready = 'true';
  performance.mark('readiness:interactive');
}

async function start() {
  setLang(lang());
  translate();
  $('#signin').addEventListener('submit', signIn);
  $('#lang').addEventListener('click', switchLanguage);
  $('#signout').addEventListener('click', () => signedOut(t('masuk.signedout')));
  $('#skip').addEventListener('click', (event) => {
    event.preventDefault();
    $('#main').focus();
  });
  addEventListener('hashchange', () => {
    if (session.me) show(wanted(), true);
  });
  // Choosing the view already shown changes no hash: its heading takes focus all the same.
  $('#nav').addEventListener('click', (event) => {
    const link = event.target.closest('a[data-view]');
    if (session.me && link?.dataset.view === shown) $(`#view-${shown} h1`).focus();
  });
  for (const view of Object.values(views)) view.init?.();
  // An admin's regency changed: what the views showed was for the previous one.
  $('#scope').addEventListener('change', () => {
    for (const [name, view] of Object.entries(views)) {
      if (name !== 'unggah' && name !== 'templat' && name !== 'tinjauan') view.reset?.();
    }
    if (shown && shown !== 'masuk') views[shown]?.open?.();
  });

  if (session.key) {
    try {
      signedIn(await call('me'));
      show(wanted(), false);
    } catch (failure) {
      signedOut(failure instanceof ApiError && failure.status === 401 ? t('err.signin.again') : explain(failure));
    }
    ready();
    return;
  }
  signedOut('');
  ready();
}

start();

export const current = () => shown;
