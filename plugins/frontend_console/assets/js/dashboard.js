// Today's volume, open complaints by priority, breaches, this month's on-time
// rates and satisfaction, and the documents of the installed report plugins.
import * as api from './api.js';
import { t, word } from './i18n.js';
import { h, mount, banner } from './ui.js';
import { OPEN_STATES } from './queue.js';

function kpi(id, label, value) {
  return h('div', { class: 'kpi', id }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
}

const percent = (v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '-');

function monthBounds(now = new Date()) {
  const iso = (d) => d.toISOString();
  return { from: iso(new Date(now.getFullYear(), now.getMonth(), 1)), to: iso(new Date(now.getFullYear(), now.getMonth() + 1, 1)) };
}

export async function dashboardView(app) {
  const now = new Date();
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
  const total = async (params) => (await api.get(`/api/v1/complaints${api.query({ ...params, limit: 1 })}`)).total;
  const open = OPEN_STATES.join(',');
  const [today, urgent, normal, low, breached, stats, reports] = await Promise.all([
    total({ created_after: midnight }), total({ status: open, priority: 'urgent' }),
    total({ status: open, priority: 'normal' }), total({ status: open, priority: 'low' }),
    total({ status: open, breached: 'true' }), api.get(`/api/v1/statistics${api.query(monthBounds(now))}`),
    api.get('/api/v1/reports')]);
  const period = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const frame = h('div', { id: 'report-frame' });
  const choose = h('input', { id: 'report-period', value: period, size: 8, 'aria-label': t('period') });
  const open_report = async (instance, format) => {
    try {
      const res = await api.get(`/api/v1/reports/${encodeURIComponent(instance)}${api.query({ period: choose.value, format })}`, { raw: true });
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      if (format === 'html') mount(frame, h('iframe', { class: 'report', src: url, sandbox: '', title: instance }));
      else h('a', { href: url, download: `${instance}-${choose.value}.${format}` }).click();
    } catch (err) {
      mount(frame, banner('error', err.message));
    }
  };
  mount(app.view, h('h1', {}, t('dashboard')),
    h('div', { class: 'kpis' },
      kpi('kpi-today', t('today_volume'), today),
      kpi('kpi-urgent', t('open_priority', { p: word('priority', 'urgent') }), urgent),
      kpi('kpi-normal', t('open_priority', { p: word('priority', 'normal') }), normal),
      kpi('kpi-low', t('open_priority', { p: word('priority', 'low') }), low),
      kpi('kpi-breached', t('breaches'), breached),
      kpi('kpi-on-time', t('on_time'), percent(stats.on_time?.first_response?.rate)),
      kpi('kpi-resolution', t('resolution_on_time'), percent(stats.on_time?.resolution?.rate)),
      kpi('kpi-satisfaction', t('satisfaction'), typeof stats.satisfaction?.average === 'number'
        ? `${stats.satisfaction.average.toFixed(2)} (${stats.satisfaction.answers})` : '-')),
    h('h2', {}, t('reports')),
    reports.reports.length ? h('div', { class: 'panel' },
      h('p', {}, h('label', { for: 'report-period' }, t('period')), choose),
      reports.reports.map((r) => h('p', { class: 'actions', dataset: { report: r.instance } },
        h('strong', {}, r.instance), h('span', { class: 'hint' }, ` ${r.description} `),
        h('button', { type: 'button', onclick: () => open_report(r.instance, 'html') }, t('open')),
        h('button', { type: 'button', class: 'plain', onclick: () => open_report(r.instance, 'csv') }, `${t('download')} CSV`))),
      frame) : h('p', { class: 'hint' }, t('none')));
}
