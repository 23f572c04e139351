// Every lifecycle action as a form: its fields, their kinds and labels. The
// API checks everything again; this only asks for what each action takes.
const CHANNELS = ['phone', 'email', 'web_form', 'chat', 'social_media', 'walk_in', 'api'];

// [name, kind, zh label, en label, options]
export const ACTION_FIELDS = {
  acknowledge: [['channel', 'text', '告知渠道', 'Told through'], ['message', 'textarea', '告知内容', 'Message']],
  classify: [['category', 'category', '类别', 'Category'], ['priority', 'choice', '优先级', 'Priority', ['urgent', 'normal', 'low']],
    ['phase', 'choice', '阶段', 'Phase', ['pre_sale', 'after_sale']]],
  assign: [['owner', 'text', '负责人', 'Owner'], ['team', 'text', '团队', 'Team'], ['reason', 'text', '原因', 'Reason']],
  note: [['text', 'textarea', '备注', 'Note', null, true]],
  notify: [['to', 'text', '通知谁', 'To', null, true], ['message', 'textarea', '内容', 'Message', null, true],
    ['customer', 'checkbox', '通知客户', 'To the customer']],
  contact: [['channel', 'choice', '渠道', 'Channel', CHANNELS, true], ['direction', 'choice', '方向', 'Direction', ['outbound', 'inbound']],
    ['summary', 'textarea', '内容摘要', 'Summary', null, true]],
  'determine-responsibility': [['party', 'choice', '责任方', 'Responsible party', ['product_quality', 'service_process', 'external', 'customer'], true],
    ['reasoning', 'textarea', '依据', 'Reasoning', null, true], ['department', 'text', '责任部门', 'Department']],
  propose: [['type', 'choice', '方案类型', 'Type', ['repair', 'replace', 'refund', 'return', 'compensation', 'apology'], true],
    ['description', 'textarea', '方案内容', 'Description', null, true], ['deadline', 'datetime', '承诺期限', 'Deadline', null, true],
    ['compensation', 'text', '补偿', 'Compensation']],
  accept: [['confirmed_by', 'text', '确认人', 'Confirmed by', null, true], ['channel', 'text', '确认渠道', 'Channel'],
    ['note', 'text', '备注', 'Note']],
  reject: [['reason', 'textarea', '拒绝原因', 'Reason', null, true]],
  'add-work-order': [['kind', 'choice', '工单类型', 'Kind', ['repair', 'replacement', 'shipment', 'refund', 'visit', 'other'], true],
    ['department', 'text', '执行部门', 'Department', null, true], ['owner', 'text', '执行人', 'Owner', null, true],
    ['due_at', 'datetime', '完成期限', 'Due', null, true], ['description', 'textarea', '说明', 'Description']],
  'update-work-order': [['work_order', 'work_order', '工单', 'Work order', null, true],
    ['progress_percent', 'number', '进度 %', 'Progress %'], ['status', 'choice', '状态', 'Status', ['open', 'done', 'cancelled']],
    ['note', 'text', '进展', 'Note'], ['due_at', 'datetime', '新期限', 'New due date'], ['delay_reason', 'text', '延期原因', 'Delay reason']],
  escalate: [['to', 'text', '升级给', 'To', null, true],
    ['reason', 'choice', '原因', 'Reason', ['beyond_authority', 'unresolved', 'repeat', 'group', 'sla_warning', 'sla_breach', 'other'], true],
    ['detail', 'textarea', '问题与已采取的措施', 'Problem and steps taken'], ['reassign', 'checkbox', '同时改派', 'Reassign too']],
  'wait-for-customer': [['reason', 'text', '等待什么', 'Waiting for', null, true]],
  resume: [['note', 'text', '备注', 'Note']],
  resolve: [['summary', 'textarea', '处理结果', 'Summary', null, true]],
  close: [['customer_confirmed', 'checkbox', '客户已确认满意', 'The customer confirmed', null, true],
    ['channel', 'text', '确认渠道', 'Channel'], ['customer_comment', 'text', '客户意见', "Customer's comment"]],
  survey: [['score', 'choice', '评分', 'Score', ['5', '4', '3', '2', '1'], true], ['resolved', 'checkbox', '问题已解决', 'Resolved'],
    ['comment', 'textarea', '意见', 'Comment']],
  reopen: [['reason', 'textarea', '原因', 'Reason', null, true], ['supervisor', 'text', '主管', 'Supervisor']],
  withdraw: [['reason', 'text', '原因', 'Reason', null, true]],
  archive: [],
  'closure-report': [['summary', 'textarea', '概述', 'Summary', null, true], ['root_cause', 'textarea', '根本原因', 'Root cause', null, true],
    ['actions', 'textarea', '采取的措施', 'Actions', null, true], ['prevention', 'textarea', '预防措施', 'Prevention', null, true]],
};

// Actions taken by the clock and policies, not offered as forms.
export const HIDDEN_ACTIONS = new Set([]);

// The form's values as the API takes them.
export function collect(form, fields, fromLocalInput) {
  const params = {};
  for (const [name, kind] of fields) {
    const input = form.elements[name];
    if (!input) continue;
    if (kind === 'checkbox') { params[name] = input.checked; continue; }
    const v = input.value.trim();
    if (v === '') continue;
    if (kind === 'number' || kind === 'work_order' || (kind === 'choice' && name === 'score')) params[name] = Number(v);
    else if (kind === 'datetime') params[name] = fromLocalInput(v);
    else params[name] = v;
  }
  return params;
}
