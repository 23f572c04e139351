// The queue: complaints filtered by status, priority, category, team, owner,
// channel and text; sorted breached-first by SLA urgency (or newest, or by
// priority); an SLA countdown per row; keyboard navigation; refreshed when the
// change feed says something happened.
import * as api from './api.js';
import { t, word, current } from './i18n.js';
import { h, mount, banner, when } from './ui.js';
import { nextMilestone, duration, urgency } from './sla.js';

const STATES = ['received', 'acknowledged', 'investigating', 'proposed', 'agreed', 'executing', 'waiting',
  'resolved', 'closed', 'withdrawn', 'archived'];
export const OPEN_STATES = ['received', 'acknowledged', 'investigating', 'proposed', 'agreed', 'executing', 'waiting'];
const PRIORITY_RANK = { urgent: 0, normal: 1, low: 2 };
const filters = { status: OPEN_STATES.join(','), priority: '', category: '', team: '', owner: '', channel: '', q: '', breached: '', sort: 'sla' };

export async function categoryOptions() {
  const doc = await api.get('/api/v1/categories');
  const out = [];
  const walk = (list, depth) => {
    for (const c of list || []) {
      out.push([c.id, `${'  '.repeat(depth)}${c.name?.[current()] || c.name?.en || c.id}`]);
      walk(c.children, depth + 1);
    }
  };
  walk(doc.categories, 0);
  return out;
}

export function slaCell(c) {
  const n = nextMilestone(c);
  if (!n) return h('span', { class: 'sla none' }, '-');
  const label = `${word('milestone', n.key)} ${n.paused ? t('paused') : duration(n.left)}`;
  return h('span', { class: `sla ${n.level}`, title: when(new Date(n.due).toISOString()) }, label);
}

function sorted(items) {
  const list = [...items];
  if (filters.sort === 'sla') list.sort((a, b) => urgency(a) - urgency(b));
  else if (filters.sort === 'priority')
    list.sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || urgency(a) - urgency(b));
  return list;  // 'newest': the API's order
}

export async function queueView(app) {
  const categories = await categoryOptions();
  const select = (name, options, label) => h('div', {},
    h('label', { for: `f-${name}` }, label),
    h('select', { id: `f-${name}`, name },
      options.map(([value, text]) => h('option', { value, selected: filters[name] === value }, text))));
  const text = (name, label) => h('div', {}, h('label', { for: `f-${name}` }, label),
    h('input', { id: `f-${name}`, name, value: filters[name], type: name === 'q' ? 'search' : 'text', size: name === 'q' ? 24 : 12 }));
  const form = h('form', { class: 'filters', id: 'filters' },
    select('status', [[OPEN_STATES.join(','), t('open_states')], ['', t('all')],
      ...STATES.map((s) => [s, word('state', s)])], t('status')),
    select('priority', [['', t('all')], ...['urgent', 'normal', 'low'].map((p) => [p, word('priority', p)])], t('priority')),
    select('category', [['', t('all')], ...categories], t('category')),
    text('team', t('team')), text('owner', t('owner')),
    select('channel', [['', t('all')], ...['phone', 'email', 'web_form', 'chat', 'social_media', 'walk_in', 'api'].map((c) => [c, word('channel', c)])], t('channel')),
    text('q', t('search')),
    h('div', {}, h('label', {}, h('input', { type: 'checkbox', name: 'breached', checked: filters.breached === 'true' }), ' ', t('breached_only'))),
    select('sort', [['sla', t('sort_sla')], ['newest', t('sort_newest')], ['priority', t('sort_priority')]], t('sort')));
  const status = h('p', { class: 'hint', id: 'queue-status' });
  const table = h('table', { id: 'queue' });
  mount(app.view, h('h1', {}, t('queue')), form, status, table, h('p', { class: 'hint' }, t('keys')));

  let items = [];
  let selected = 0;
  const render = () => {
    const rows = items.map((c, i) => h('tr', { class: i === selected ? 'selected' : null, dataset: { number: c.number },
      onclick: () => app.go(`#/c/${encodeURIComponent(c.number)}`) },
    h('td', {}, h('a', { href: `#/c/${encodeURIComponent(c.number)}` }, c.number)),
    h('td', {}, c.subject || (c.description || '').slice(0, 40)),
    h('td', {}, word('state', c.state)),
    h('td', {}, h('span', { class: `tag ${c.priority}` }, word('priority', c.priority))),
    h('td', {}, c.category || '-'), h('td', {}, c.owner || '-'), h('td', {}, c.team || '-'),
    h('td', {}, word('channel', c.channel)), h('td', {}, slaCell(c)), h('td', {}, when(c.received_at))));
    mount(table, h('thead', {}, h('tr', {}, [t('number'), t('subject'), t('status'), t('priority'), t('category'),
      t('owner'), t('team'), t('channel'), t('sla'), t('received')].map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 10 }, t('no_results')))));
  };
  // Loads overlap (a filter changed, text typed, the feed said something
  // happened) and their answers may come back in any order: only the answer to
  // the newest request is shown, so an older list never replaces a newer one.
  let latest = 0;
  const load = async () => {
    const params = { ...filters, limit: 200 };
    delete params.sort;
    const mine = ++latest;
    try {
      const page = await api.get(`/api/v1/complaints${api.query(params)}`);
      if (mine !== latest) return;
      items = sorted(page.items);
      selected = Math.min(selected, Math.max(items.length - 1, 0));
      mount(status, t(page.total_exact === false ? 'results_more' : 'results', { n: page.total }));
      render();
    } catch (err) {
      if (mine === latest) mount(status, banner('error', err.message));
    }
  };
  const read = () => {
    for (const el of form.elements) if (el.name) filters[el.name] = el.type === 'checkbox' ? (el.checked ? 'true' : '') : el.value;
  };
  form.addEventListener('change', () => { read(); load(); });
  form.addEventListener('submit', (e) => { e.preventDefault(); read(); load(); });
  let typing;
  form.elements.q.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => { read(); load(); }, 300); });

  const keys = (e) => {
    if (e.target.closest('input, select, textarea')) {
      if (e.key === 'Escape') e.target.blur();
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'j') selected = Math.min(selected + 1, items.length - 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') selected = Math.max(selected - 1, 0);
    else if (e.key === 'Enter' && items[selected]) return app.go(`#/c/${encodeURIComponent(items[selected].number)}`);
    else if (e.key === '/') { e.preventDefault(); return form.elements.q.focus(); }
    else if (e.key === 'n' && app.can('create')) return app.go('#/new');
    else return;
    e.preventDefault();
    render();
    table.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  };
  document.addEventListener('keydown', keys);

  // Something changed: reload. The countdowns also tick between changes.
  let cursor = (await api.get('/api/v1/events?after=latest')).next_cursor;
  const timer = setInterval(async () => {
    try {
      const feed = await api.get(`/api/v1/events${api.query({ after: cursor, limit: 1000 })}`);
      cursor = feed.next_cursor;
      if (feed.events.length) await load(); else render();
    } catch (_) { /* the next poll tries again */ }
  }, app.pollMs);
  app.stop = () => { clearInterval(timer); document.removeEventListener('keydown', keys); };
  await load();
}
