// Chinese names for the columns and enum values of exports. A field not named here falls back to the Chinese at the
// start of its schema description, then to its own name (test/e2e/export.e2e.ts checks that every column of every
// registered operation has a Chinese name).

const FIELDS: Record<string, string> = {
  id: '编号',
  nameZh: '名称',
  nameEn: '英文名称',
  abbreviation: '简称',
  code: '代码',
  kind: '类型',
  level: '级别',
  status: '状态',
  district: '区县',
  districts: '区县',
  organisation: '组织',
  organisations: '组织',
  association: '科协组织',
  count: '数量',
  totalCount: '总数',
  period: '期间',
  change: '变动',
  category: '类别',
  year: '年度',
  grade: '等级',
  outcome: '结果',
  amount: '金额（元）',
  records: '记录数',
  workers: '科技工作者数',
  associations: '科协组织数',
  source: '来源',
  sources: '来源',
  heldOn: '召开日期',
  dueOn: '应换届日期',
  deadline: '整改期限',
  issuedOn: '作出日期',
  reportedOn: '报送日期',
  reportDueOn: '报告截止日期',
  receiptConfirmedOn: '确认收到日期',
  validFrom: '起始日期',
  validTo: '终止日期',
  operation: '操作',
  outcomeCode: '结果代码',
  nodes: '节点',
  edges: '关系',
  receivedOn: '收到日期',
  lastCongress: '上次代表大会',
  overdueDays: '逾期天数',
  daysOverdue: '逾期天数',
  memberCount: '会员数',
  children: '下级组织',
  ancestors: '上级组织',
  activityStats: '活动统计',
  fundingTotals: '经费汇总',
  person: '人员',
  persons: '人员',
  memberships: '会员资格',
  startedOn: '开始日期',
  endedOn: '结束日期',
  establishedOn: '成立日期',
  foundedOn: '成立日期',
  effectiveOn: '生效日期',
  title: '标题',
  titleZh: '标题',
  relationships: '关系',
  from: '起点',
  to: '终点',
  participants: '参与人数',
  participantCount: '参与人数',
  truncated: '已截断',
  action: '操作',
  actor: '操作人',
  target: '对象',
  at: '时间',
  occurredAt: '时间',
  reason: '原因',
  type: '类型',
  role: '角色',
  post: '职务',
  committee: '委员会',
  income: '收入',
  expenditure: '支出',
  balance: '余额',
  societyMemberNo: '会员编号',
  decidedOn: '决定日期',
};

const ENUM_VALUES: Record<string, string> = {
  ACTIVE: '正常',
  APPLIED: '申请中',
  REJECTED: '未获批准',
  FOUNDED: '新建',
  JOINED: '入会',
  LEFT: '退会',
  APPROVAL: '批准',
  FILING: '备案',
  OTHER: '其他',
};

/** Chinese characters (and the punctuation that goes with them) at the start of a description: its Chinese name. */
const LEADING_CHINESE = /^[\u3400-\u9fff\uff08\uff09\u3001\u00b7]+/;

export function fieldLabel(name: string, description: string | null | undefined): string {
  return FIELDS[name] ?? description?.match(LEADING_CHINESE)?.[0] ?? name;
}

/** A value's Chinese name, or undefined when it has none (the value is then written as it is). */
export function enumLabel(value: string, description: string | null | undefined): string | undefined {
  return description?.match(LEADING_CHINESE)?.[0] ?? ENUM_VALUES[value];
}

/** Whether a header has a Chinese name (the test's measure). */
export const hasChinese = (text: string) => /[\u3400-\u9fff]/.test(text);
