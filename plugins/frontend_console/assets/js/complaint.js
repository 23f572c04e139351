// One complaint: the record with missing information flagged (D4), the SLA
// milestones, proposals, work orders, escalations and surveys, the whole
// timeline, and every action the complaint's state and the person's role allow,
// each as a form. A refused action shows the API's message.
import * as api from './api.js';
import { t, word, current } from './i18n.js';
import { h, mount, banner, when, fromLocalInput, showProblem } from './ui.js';
import { ACTION_FIELDS, collect } from './actions.js';
import { categoryOptions, slaCell } from './queue.js';

function field(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value === undefined || value === null || value === '' ? '-' : value));
}

function record(c) {
  const cu = c.customer || {};
  return h('dl', { class: 'grid' },
    field(t('number'), c.number), field(t('status'), word('state', c.state)),
    field(t('priority'), h('span', { class: `tag ${c.priority}` }, word('priority', c.priority))),
    field(t('category'), c.category), field(t('owner'), c.owner), field(t('team'), c.team),
    field(t('channel'), word('channel', c.channel)), field(t('received_at'), when(c.received_at)),
    field(t('customer'), [cu.name || '-', cu.type ? ` (${cu.type})` : '']), field(t('phone'), cu.phone),
    field(t('email'), cu.email), field(t('product'), c.product), field(t('region'), c.region),
    field(t('subject'), c.subject), field(t('demand'), c.demand), field(t('sla'), slaCell(c)));
}

function milestones(c) {
  const ms = c.sla?.milestones || {};
  return h('table', {}, h('thead', {}, h('tr', {}, ['', t('due'), t('met'), t('breached')].map((x) => h('th', {}, x)))),
    h('tbody', {}, ['first_response', 'solution_plan', 'resolution'].filter((key) => ms[key]).map((key) => [key, ms[key]]).map(([key, m]) => h('tr', {},
      h('td', {}, word('milestone', key)), h('td', {}, when(m.due_at)), h('td', {}, when(m.met_at)),
      h('td', {}, m.breached_at ? h('span', { class: 'sla breached' }, when(m.breached_at)) : '-')))));
}

function list(title, items, columns) {
  if (!items?.length) return null;
  return [h('h2', {}, title), h('table', {}, h('thead', {}, h('tr', {}, columns.map(([label]) => h('th', {}, label)))),
    h('tbody', {}, items.map((item) => h('tr', {}, columns.map(([, get]) => h('td', {}, get(item) ?? '-'))))))];
}

function changesText(changes) {
  if (!changes || typeof changes !== 'object') return '';
  const parts = [];
  for (const [key, v] of Object.entries(changes)) {
    if (key === 'after') continue;  // a new complaint: the record above says it all
    if (v && typeof v === 'object' && 'after' in v && typeof v.after !== 'object') parts.push(`${key}: ${v.before ?? '-'} → ${v.after}`);
    else if (v && Array.isArray(v.added)) parts.push(`${key} +${v.added.length}`);
    else parts.push(key);
  }
  return parts.slice(0, 6).join('; ');
}

function input(name, kind, options, required, c, categories) {
  const id = `a-${name}`;
  if (kind === 'textarea') return h('textarea', { id, name, required });
  if (kind === 'checkbox') return h('input', { id, name, type: 'checkbox', checked: name === 'resolved', required });
  if (kind === 'datetime') return h('input', { id, name, type: 'datetime-local', required });
  if (kind === 'number') return h('input', { id, name, type: 'number', min: 0, max: 100 });
  const choices = kind === 'category' ? categories
    : kind === 'work_order' ? (c.work_orders || []).map((w, i) => [String(w.number ?? i + 1), `#${w.number ?? i + 1} ${w.kind} (${w.owner})`])
      : kind === 'choice' ? options.map((o) => [o, name === 'priority' ? word('priority', o) : name === 'channel' ? word('channel', o) : word('code', o)]) : null;
  if (choices) return h('select', { id, name, required }, h('option', { value: '' }, `— ${t('choose')} —`), choices.map(([v, l]) => h('option', { value: v }, l)));
  return h('input', { id, name, type: 'text', required });
}

function actionForm(app, c, action, categories, done) {
  const fields = ACTION_FIELDS[action] || [];
  const zh = current() === 'zh';
  const form = h('form', { class: 'panel action', id: `form-${action}`, dataset: { action } },
    h('h2', {}, word('action', action)), h('div', { class: 'problem' }),
    fields.map(([name, kind, zhLabel, enLabel, options, required]) => [
      h('label', { for: `a-${name}` }, zh ? zhLabel : enLabel, required ? ' *' : ''),
      input(name, kind, options, required && kind !== 'checkbox', c, categories)]),
    h('p', { class: 'actions' }, h('button', { type: 'submit' }, t('submit')),
      h('button', { type: 'button', class: 'plain', onclick: () => form.remove() }, t('cancel'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await api.post(`/api/v1/complaints/${encodeURIComponent(c.number)}/${action}`, collect(form, fields, fromLocalInput));
      done(t('done', { action: word('action', action) }));
    } catch (err) {
      showProblem(form, err, t);
      button.disabled = false;
    }
  });
  return form;
}

export async function complaintView(app, number) {
  const categories = await categoryOptions();
  let c;
  // A poll's reload and an action's may overlap: only the newest answer is drawn.
  let latest = 0;
  const show = async (message) => {
    const mine = ++latest;
    let fresh;
    try {
      fresh = await api.get(`/api/v1/complaints/${encodeURIComponent(number)}`);
    } catch (err) {
      if (mine !== latest) return;
      mount(app.view, banner('error', err.status === 404 ? t('not_found') : err.message), h('p', {}, h('a', { href: '#/queue' }, t('back'))));
      return;
    }
    if (mine !== latest) return;
    c = fresh;
    const slot = h('div', { id: 'action-form' });
    const offered = (c.allowed_actions || []).filter((a) => app.mayAct(a) && ACTION_FIELDS[a]);
    const missing = c.missing_fields || [];
    mount(app.view,
      h('p', {}, h('a', { href: '#/queue' }, `← ${t('back')}`)),
      h('h1', {}, `${c.number} · ${c.subject || ''}`),
      message ? banner('ok', message) : null,
      missing.length ? h('div', { class: 'banner warn', id: 'missing' }, t('missing', { fields: missing.join(', ') })) : null,
      h('div', { class: 'cols' },
        h('div', {},
          h('section', { class: 'panel' }, h('h2', {}, t('record')), record(c),
            h('h2', {}, t('description')), h('p', {}, c.description || '-')),
          h('section', { class: 'panel' }, h('h2', {}, t('milestones')), milestones(c),
            list(t('proposals'), c.proposals, [['#', (p) => p.number], [t('type'), (p) => word('code', p.type)], [t('description'), (p) => p.description],
              [t('deadline'), (p) => when(p.deadline)], [t('status'), (p) => word('code', p.status)], [t('reason'), (p) => p.rejection?.reason]]),
            list(t('work_orders'), c.work_orders, [['#', (w) => w.number], [t('type'), (w) => word('code', w.kind)], [t('owner'), (w) => `${w.department} / ${w.owner}`],
              [t('due'), (w) => when(w.due_at)], ['%', (w) => w.progress_percent], [t('status'), (w) => word('code', w.status)]]),
            list(t('escalations'), c.escalations, [[t('level'), (e) => e.level], [t('to'), (e) => e.to], [t('reason'), (e) => word('code', e.reason)], [t('changed'), (e) => when(e.at)]]),
            list(t('surveys'), c.surveys, [[t('score'), (s) => s.score], [t('round'), (s) => s.round], ['', (s) => s.comment]])),
          h('section', { class: 'panel' }, h('h2', {}, t('timeline')),
            h('ol', { class: 'timeline', id: 'timeline' }, (c.timeline || []).map((e) => h('li', {},
              h('time', {}, when(e.at)), h('strong', {}, word('action', e.action)), ` · ${e.actor} `,
              h('span', { class: 'hint' }, changesText(e.changes))))))),
        h('aside', {},
          h('section', { class: 'panel' }, h('h2', {}, t('actions_title')),
            h('div', { class: 'actions', id: 'actions' }, offered.length ? offered.map((a) => h('button', {
              type: 'button', class: 'plain', dataset: { action: a },
              onclick: () => { mount(slot, actionForm(app, c, a, categories, show)); slot.querySelector('input, select, textarea')?.focus(); },
            }, word('action', a))) : h('span', { class: 'hint' }, t('none')))),
          slot)));
  };
  await show();
  // Someone else changed it (an event newer than those shown): show the new state,
  // unless a form is being filled in.
  let cursor = (await api.get('/api/v1/events?after=latest')).next_cursor;
  const timer = setInterval(async () => {
    try {
      const feed = await api.get(`/api/v1/events${api.query({ after: cursor, limit: 1000 })}`);
      cursor = feed.next_cursor;
      const seen = Math.max(0, ...(c?.timeline || []).map((e) => e.seq));
      const newer = feed.events.some((e) => e.number === number && e.seq > seen);
      if (newer && !document.querySelector('#action-form form')) await show(t('updated'));
    } catch (_) { /* the next poll tries again */ }
  }, app.pollMs);
  app.stop = () => clearInterval(timer);
}
