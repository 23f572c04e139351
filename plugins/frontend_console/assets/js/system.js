// For admins: the plugin instances with their state, and failed deliveries,
// which can be sent again.
import * as api from './api.js';
import { t } from './i18n.js';
import { h, mount, banner, when } from './ui.js';

export async function systemView(app) {
  if (!app.can('admin')) return mount(app.view, banner('error', '403'));
  const [plugins, dead] = await Promise.all([api.get('/admin/plugins'), api.get('/admin/outbox?state=dead')]);
  const retry = async (id) => {
    try { await api.post(`/admin/outbox/${id}/retry`, {}); await systemView(app); } catch (err) { mount(app.view, banner('error', err.message)); }
  };
  const instances = (plugins.instances || []).map((i) => h('tr', {},
    h('td', {}, i.name), h('td', {}, i.plugin), h('td', {}, i.kind), h('td', {}, i.state), h('td', {}, i.reason || '')));
  const deliveries = dead.deliveries.map((d) => h('tr', {},
    h('td', {}, d.id), h('td', {}, d.subscriber), h('td', {}, d.attempts), h('td', {}, d.last_error || ''),
    h('td', {}, h('button', { type: 'button', onclick: () => retry(d.id) }, t('retry')))));
  const head = (labels) => h('thead', {}, h('tr', {}, labels.map((x) => h('th', {}, x))));
  mount(app.view, h('h1', {}, t('system')),
    h('h2', {}, t('plugins')),
    h('table', { id: 'instances' }, head(['', 'plugin', 'kind', t('state'), t('reason')]), h('tbody', {}, instances)),
    h('h2', {}, t('dead')),
    h('table', { id: 'dead' }, head(['#', 'subscriber', t('attempts'), t('last_error'), '']),
      h('tbody', {}, deliveries.length ? deliveries : h('tr', {}, h('td', { colspan: 5 }, t('none'))))),
    h('p', { class: 'hint' }, when(new Date().toISOString())));
}
