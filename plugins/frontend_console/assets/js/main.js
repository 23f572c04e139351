// The console: signs in, keeps who is signed in, and routes #/queue,
// #/c/<number>, #/new, #/dashboard and #/system to their views.
import * as api from './api.js';
import * as i18n from './i18n.js';
import { t } from './i18n.js';
import { h, mount, banner } from './ui.js';
import { queueView } from './queue.js';
import { complaintView } from './complaint.js';
import { newComplaintView } from './new_complaint.js';
import { dashboardView } from './dashboard.js';
import { systemView } from './system.js';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
const app = {
  session: null,
  pollMs: Number(meta('redress-poll-ms')) || 4000,
  view: document.getElementById('view'),
  stop: null,  // what the current view must stop (timers, key handlers) when left
  can: (permission) => app.session?.permissions.includes(permission),
  mayAct: (action) => app.session?.actions.includes(action),
  go: (hash) => { if (location.hash === hash) route(); else location.hash = hash; },
};

function navigation() {
  const links = [];
  if (app.can('read')) links.push(['#/queue', t('queue')]);
  if (app.can('create')) links.push(['#/new', t('new')]);
  if (app.can('read')) links.push(['#/dashboard', t('dashboard')]);
  if (app.can('admin')) links.push(['#/system', t('system')]);
  mount(document.getElementById('nav'), links.map(([href, label]) =>
    h('a', { href, class: location.hash.startsWith(href) ? 'active' : null }, label)));
  const who = document.getElementById('who');
  mount(who, app.session ? `${app.session.name} · ${t('role')}: ${app.session.role}` : '');
  const out = document.getElementById('sign-out');
  out.hidden = !app.session;
  out.textContent = t('signout');
}

function signInView(message) {
  const form = h('form', { class: 'panel signin', id: 'signin' },
    h('h1', {}, t('signin')),
    h('p', { class: 'hint' }, t('signin_hint')),
    message ? banner('error', message) : null,
    h('label', { for: 'token' }, t('token')),
    h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, autofocus: true }),
    h('p', {}, h('button', { type: 'submit' }, t('signin'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = form.elements.token.value.trim();
    try {
      app.session = await api.get('/api/v1/session', { bearer: value });
      api.token.set(value);
      navigation();
      app.go(app.can('read') ? '#/queue' : '#/new');
    } catch (err) {
      mount(app.view, signInView(err.status === 401 ? t('bad_token') : err.message));
    }
  });
  return form;
}

async function route() {
  if (app.stop) { app.stop(); app.stop = null; }
  if (!app.session) {
    navigation();
    mount(app.view, signInView());
    return;
  }
  navigation();
  const hash = location.hash || '#/queue';
  const [, name, arg] = hash.match(/^#\/([a-z]+)\/?(.*)$/) || [];
  const views = { queue: queueView, c: complaintView, new: newComplaintView, dashboard: dashboardView, system: systemView };
  const view = views[name] || (app.can('read') ? queueView : newComplaintView);
  mount(app.view, h('p', { class: 'hint' }, t('loading')));
  try {
    await view(app, decodeURIComponent(arg || ''));
  } catch (err) {
    mount(app.view, banner('error', err.message));
  }
  app.view.focus({ preventScroll: true });
}

async function boot() {
  i18n.init(meta('redress-language'));
  const select = document.getElementById('language');
  select.value = i18n.current();
  select.addEventListener('change', () => { i18n.setLanguage(select.value); route(); });
  document.getElementById('sign-out').addEventListener('click', () => {
    api.token.clear();
    app.session = null;
    route();
  });
  api.whenUnauthorized(() => {
    api.token.clear();
    app.session = null;
    navigation();
    mount(app.view, signInView(t('bad_token')));
  });
  if (api.token.get()) {
    try { app.session = await api.get('/api/v1/session'); } catch (_) { app.session = null; }
  }
  window.addEventListener('hashchange', route);
  route();
}

boot();
