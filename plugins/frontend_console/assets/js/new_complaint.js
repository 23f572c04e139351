// A complaint taken on the phone or at the counter (D1), with hints for what
// makes it complete (D4) while it is typed; the host says what is still
// missing once it is recorded.
import * as api from './api.js';
import { t, word, current } from './i18n.js';
import { h, mount, fromLocalInput, showProblem } from './ui.js';
import { categoryOptions } from './queue.js';

const CHANNELS = ['phone', 'walk_in', 'email', 'web_form', 'chat', 'social_media'];

export async function newComplaintView(app) {
  const categories = app.can('read') ? await categoryOptions() : [];
  const zh = current() === 'zh';
  const text = (name, label, attrs = {}) => [h('label', { for: `n-${name}` }, label), h('input', { id: `n-${name}`, name, ...attrs })];
  const hints = h('ul', { class: 'hint', id: 'hints' });
  const form = h('form', { class: 'panel new', id: 'new-complaint' },
    h('div', { class: 'problem' }),
    h('div', { class: 'grid' },
      h('div', {}, h('label', { for: 'n-channel' }, t('channel')),
        h('select', { id: 'n-channel', name: 'channel' }, CHANNELS.map((c) => h('option', { value: c }, word('channel', c))))),
      h('div', {}, text('customer.name', t('name'))),
      h('div', {}, text('customer.phone', t('phone'), { type: 'tel' })),
      h('div', {}, text('customer.email', t('email'), { type: 'email' })),
      h('div', {}, h('label', { for: 'n-customer.type' }, t('customer_type')),
        h('select', { id: 'n-customer.type', name: 'customer.type' },
          h('option', { value: 'individual' }, zh ? '个人' : 'individual'), h('option', { value: 'enterprise' }, zh ? '企业' : 'enterprise'))),
      h('div', {}, text('product', t('product'))),
      h('div', {}, text('region', t('region'))),
      h('div', {}, h('label', { for: 'n-priority' }, t('priority')),
        h('select', { id: 'n-priority', name: 'priority' }, h('option', { value: '' }, '—'),
          ['urgent', 'normal', 'low'].map((p) => h('option', { value: p }, word('priority', p))))),
      categories.length ? h('div', {}, h('label', { for: 'n-category' }, t('category')),
        h('select', { id: 'n-category', name: 'category' }, h('option', { value: '' }, '—'),
          categories.map(([v, l]) => h('option', { value: v }, l)))) : null,
      h('div', {}, text('received_at', t('received_at'), { type: 'datetime-local' }))),
    text('subject', t('subject'), { maxlength: 200 }),
    h('label', { for: 'n-description' }, `${t('description')} *`),
    h('textarea', { id: 'n-description', name: 'description', required: true }),
    h('label', { for: 'n-demand' }, t('demand')), h('input', { id: 'n-demand', name: 'demand' }),
    h('h2', {}, t('completeness')), hints,
    h('p', {}, h('button', { type: 'submit' }, t('submit'))));
  const value = (name) => form.elements[name]?.value.trim() || '';
  const check = () => {
    const notes = [];
    if (!value('customer.phone') && !value('customer.email')) notes.push(t('hint_contact'));
    if (!value('product')) notes.push(t('hint_product'));
    if (!value('demand')) notes.push(t('hint_demand'));
    if (value('description').length < 10) notes.push(t('hint_description'));
    mount(hints, notes.map((n) => h('li', { class: 'missing' }, n)));
  };
  form.addEventListener('input', check);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { channel: value('channel'), description: value('description'), customer: {} };
    for (const name of ['subject', 'demand', 'product', 'region', 'priority', 'category'])
      if (value(name)) body[name] = value(name);
    for (const name of ['name', 'phone', 'email', 'type'])
      if (value(`customer.${name}`)) body.customer[name] = value(`customer.${name}`);
    if (value('received_at')) body.received_at = fromLocalInput(value('received_at'));
    try {
      const c = await api.post('/api/v1/complaints', body);
      app.go(app.can('read') ? `#/c/${encodeURIComponent(c.number)}` : '#/new');
      if (!app.can('read')) mount(app.view, h('p', { class: 'banner ok' }, t('created', { number: c.number })));
    } catch (err) {
      showProblem(form, { ...err, errors: (err.errors || []).map((x) => ({ ...x, field: x.field.replace(/^\/customer\//, '/customer.') })), message: err.message }, t);
    }
  });
  mount(app.view, h('h1', {}, t('new')), form);
  check();
  form.elements.channel.focus();
}
