// Chinese and English. The choice is kept per browser (it is no secret).
const zh = {
  signin: '登录', signin_hint: '请输入您的访问令牌（由管理员用 redress token create 创建）。', token: '令牌',
  signout: '退出', bad_token: '令牌无效或已被吊销。', queue: '投诉队列', new: '新建投诉', dashboard: '看板',
  system: '系统', refused: '操作被拒绝', loading: '加载中…', none: '无', search: '搜索', all: '全部',
  status: '状态', priority: '优先级', category: '类别', team: '团队', owner: '负责人', channel: '渠道',
  text: '文字', breached_only: '仅超时', sort: '排序', sort_sla: '时限紧迫', sort_newest: '最新',
  sort_priority: '优先级', number: '编号', subject: '标题', sla: '时限', received: '受理时间',
  results: '共 {n} 条', results_more: '超过 {n} 条', keys: '键盘：↑↓ 或 j/k 选择，Enter 打开，/ 搜索，n 新建',
  paused: '已暂停', record: '投诉信息', customer: '客户', name: '姓名', phone: '电话', email: '邮箱',
  customer_type: '客户类型', description: '描述', demand: '诉求', product: '产品', region: '地区',
  received_at: '受理时间', missing: '缺少信息（D4）：{fields}', milestones: '时限节点', due: '到期',
  met: '完成', breached: '已超时', timeline: '处理记录', actions_title: '操作', proposals: '处理方案',
  work_orders: '工单', escalations: '升级记录', surveys: '满意度评价', submit: '提交', cancel: '取消',
  done: '已完成：{action}', created: '已创建投诉 {number}', completeness: '完整性提示',
  hint_contact: '请留下电话或邮箱，便于回访。', hint_product: '产品型号有助于定位问题。',
  hint_demand: '客户的诉求（维修、换货、退款…）决定处理方案。', hint_description: '请尽量写清经过。',
  today_volume: '今日新增', open_priority: '未结（{p}）', breaches: '超时未结', on_time: '首次响应按时率（本月）',
  resolution_on_time: '办结按时率（本月）', satisfaction: '满意度（本月）', reports: '报表', period: '统计期',
  open: '打开', download: '下载', plugins: '插件实例', dead: '投递失败', retry: '重试', state: '状态',
  reason: '原因', attempts: '尝试次数', last_error: '最后错误', changed: '更新', actor: '操作人',
  no_results: '没有符合条件的投诉。', not_found: '没有这条投诉。', role: '角色', yes: '是', no: '否',
  level: '级别', to: '给', score: '评分', round: '轮次', deadline: '期限', type: '类型', choose: '请选择',
  updated: '已有更新', back: '返回队列', open_states: '未结（全部）',
};
const en = {
  signin: 'Sign in', signin_hint: 'Enter your access token (an admin creates it with redress token create).',
  token: 'Token', signout: 'Sign out', bad_token: 'The token is not valid or was revoked.', queue: 'Queue',
  new: 'New complaint', dashboard: 'Dashboard', system: 'System', refused: 'Refused', loading: 'Loading…',
  none: 'none', search: 'Search', all: 'All', status: 'Status', priority: 'Priority', category: 'Category',
  team: 'Team', owner: 'Owner', channel: 'Channel', text: 'Text', breached_only: 'Breached only', sort: 'Sort',
  sort_sla: 'SLA urgency', sort_newest: 'Newest', sort_priority: 'Priority', number: 'Number',
  subject: 'Subject', sla: 'SLA', received: 'Received', results: '{n} complaints', results_more: 'more than {n} complaints',
  keys: 'Keys: ↑↓ or j/k select, Enter opens, / searches, n new', paused: 'paused', record: 'Record',
  customer: 'Customer', name: 'Name', phone: 'Phone', email: 'E-mail', customer_type: 'Customer type',
  description: 'Description', demand: 'Demand', product: 'Product', region: 'Region', received_at: 'Received at',
  missing: 'Missing information (D4): {fields}', milestones: 'SLA milestones', due: 'Due', met: 'Met',
  breached: 'Breached', timeline: 'Timeline', actions_title: 'Actions', proposals: 'Proposals',
  work_orders: 'Work orders', escalations: 'Escalations', surveys: 'Surveys', submit: 'Submit', cancel: 'Cancel',
  done: 'Done: {action}', created: 'Complaint {number} recorded', completeness: 'Completeness',
  hint_contact: 'Leave a phone number or e-mail address to call back.',
  hint_product: 'The product model helps find the cause.',
  hint_demand: "The customer's demand (repair, replacement, refund...) shapes the solution.",
  hint_description: 'Describe what happened as fully as you can.', today_volume: 'New today',
  open_priority: 'Open ({p})', breaches: 'Breached, open', on_time: 'First response on time (this month)',
  resolution_on_time: 'Resolved on time (this month)', satisfaction: 'Satisfaction (this month)',
  reports: 'Reports', period: 'Period', open: 'Open', download: 'Download', plugins: 'Plugin instances',
  dead: 'Failed deliveries', retry: 'Retry', state: 'State', reason: 'Reason', attempts: 'Attempts',
  last_error: 'Last error', changed: 'Updated', actor: 'By', no_results: 'No complaint matches.',
  not_found: 'No such complaint.', role: 'Role', yes: 'yes', no: 'no', level: 'Level', to: 'To', score: 'Score',
  round: 'Round', deadline: 'Deadline', type: 'Type', choose: 'Choose', updated: 'Updated', back: 'Back to the queue',
  open_states: 'Open (all)',
};

const words = {
  zh: {
    state: { received: '已登记', acknowledged: '已受理', investigating: '调查中', proposed: '方案待确认',
      agreed: '方案已确认', executing: '执行中', resolved: '已解决', closed: '已办结', waiting: '等待客户',
      withdrawn: '已撤回', archived: '已归档' },
    priority: { urgent: '紧急', normal: '一般', low: '低' },
    code: { pending: '待确认', accepted: '已接受', rejected: '已拒绝', repair: '维修', replace: '更换', refund: '退款',
      return: '退货', compensation: '补偿', apology: '致歉', replacement: '换货', shipment: '发货', visit: '上门',
      other: '其他', open: '进行中', done: '已完成', cancelled: '已取消', beyond_authority: '超出一线权限',
      unresolved: '一线无法解决', repeat: '重复投诉', group: '群体投诉', sla_warning: '即将超时', sla_breach: '已超时',
      product_quality: '产品质量', service_process: '服务流程', external: '外部因素', customer: '客户原因',
      outbound: '呼出', inbound: '呼入', pre_sale: '售前', after_sale: '售后', individual: '个人', enterprise: '企业' },
    channel: { phone: '电话', email: '邮件', web_form: '网页表单', chat: '在线客服', social_media: '社交媒体',
      walk_in: '到店', api: '接口' },
    milestone: { first_response: '首次响应', solution_plan: '解决方案', resolution: '办结' },
    action: { acknowledge: '受理', classify: '分类', assign: '分派', note: '备注', notify: '通知',
      contact: '联系记录', 'determine-responsibility': '责任认定', propose: '提出方案', accept: '客户接受',
      reject: '客户拒绝', 'add-work-order': '新建工单', 'update-work-order': '更新工单', escalate: '升级',
      'wait-for-customer': '等待客户', resume: '恢复处理', resolve: '解决', close: '办结', survey: '满意度',
      reopen: '重新打开', withdraw: '撤回', archive: '归档', 'closure-report': '结案报告', created: '登记',
      'sla-warning': '时限预警', 'sla-breach': '超时', 'sla-follow-up': '升级跟进', 'sla-progress': '进展告知' },
  },
  en: {
    state: { received: 'received', acknowledged: 'acknowledged', investigating: 'investigating',
      proposed: 'proposed', agreed: 'agreed', executing: 'executing', resolved: 'resolved', closed: 'closed',
      waiting: 'waiting for customer', withdrawn: 'withdrawn', archived: 'archived' },
    priority: { urgent: 'urgent', normal: 'normal', low: 'low' },
    channel: { phone: 'phone', email: 'e-mail', web_form: 'web form', chat: 'chat', social_media: 'social media',
      walk_in: 'walk-in', api: 'API' },
    milestone: { first_response: 'first response', solution_plan: 'solution plan', resolution: 'resolution' },
    action: { acknowledge: 'Acknowledge', classify: 'Classify', assign: 'Assign', note: 'Note', notify: 'Notify',
      contact: 'Contact', 'determine-responsibility': 'Responsibility', propose: 'Propose', accept: 'Accept',
      reject: 'Reject', 'add-work-order': 'Add work order', 'update-work-order': 'Update work order',
      escalate: 'Escalate', 'wait-for-customer': 'Wait for customer', resume: 'Resume', resolve: 'Resolve',
      close: 'Close', survey: 'Survey', reopen: 'Reopen', withdraw: 'Withdraw', archive: 'Archive',
      'closure-report': 'Closure report', created: 'Recorded', 'sla-warning': 'SLA warning',
      'sla-breach': 'SLA breached', 'sla-follow-up': 'Escalation follow-up', 'sla-progress': 'Progress update due' },
  },
};

const texts = { zh, en };
const KEY = 'redress.language';
let language = null;

export function init(fallback) {
  const saved = localStorage.getItem(KEY);
  const browser = (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : null;
  language = texts[saved] ? saved : browser || (texts[fallback] ? fallback : 'zh');
  document.documentElement.lang = language;
}

export function setLanguage(lang) {
  if (!texts[lang]) return;
  language = lang;
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
}

export const current = () => language;

export function t(key, vars = {}) {
  let s = texts[language][key] ?? texts.en[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}

// A label for a code: word('state', 'closed').
export function word(kind, code) {
  return words[language][kind]?.[code] ?? code;
}
