// Chinese by default, English on request: every text is written in both where it is used, `t('中文', 'English')`,
// so a screen reads whole in either language and nothing depends on a key file kept in step.
import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';

export type Lang = 'zh' | 'en';

interface LangContext {
  lang: Lang;
  setLang(lang: Lang): void;
  t(zh: string, en: string): string;
}

const Context = createContext<LangContext | null>(null);
const STORAGE_KEY = 'cq.explorer.lang';

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'));
  const setLang = (next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  };
  return <Context.Provider value={{ lang, setLang, t: (zh, en) => (lang === 'zh' ? zh : en) }}>{children}</Context.Provider>;
}

export function useLang(): LangContext {
  const context = useContext(Context);
  if (!context) throw new Error('useLang outside LangProvider');
  return context;
}

/** Names of the enum values the API sends, in both languages. */
const VALUES: Record<string, [string, string]> = {
  MUNICIPAL_ASSOCIATION: ['市科协', 'Municipal association'],
  DISTRICT_ASSOCIATION: ['区县科协', 'District association'],
  ENTERPRISE_ASSOCIATION: ['企业科协', 'Enterprise association'],
  PARK_ASSOCIATION: ['园区科协', 'Park association'],
  CONSORTIUM: ['企业科协联合体', 'Consortium'],
  FEDERATION: ['企业科协联合会', 'Federation'],
  WORKSTATION: ['工作站', 'Workstation'],
  LEARNED_SOCIETY: ['学会', 'Learned society'],
  MUNICIPAL: ['市级', 'Municipal'],
  DISTRICT: ['区县级', 'District'],
  APPLIED: ['申请中', 'Applied'],
  ACTIVE: ['正常', 'Active'],
  REJECTED: ['未获批准', 'Rejected'],
  REVOKED: ['已撤销', 'Revoked'],
  DEREGISTERED: ['已注销', 'Deregistered'],
  GUIDANCE: ['指导', 'Guidance'],
  APPROVAL: ['批复建立', 'Approval'],
  LIAISON: ['联系服务', 'Liaison'],
  GROUP_GUIDANCE: ['业务指导', 'Group guidance'],
  GROUP_MEMBER: ['团体会员', 'Group member'],
  FEDERATION_MEMBER: ['联合会成员', 'Federation member'],
  MUNICIPAL_STAFF: ['市科协工作人员', 'Municipal staff'],
  DISTRICT_STAFF: ['区县科协工作人员', 'District staff'],
  SECRETARIAT: ['秘书处', 'Secretariat'],
  SOCIETY: ['合作学会', 'Partner society'],
  ANALYST: ['数据分析员', 'Analyst'],
  ANONYMOUS: ['访客', 'Visitor'],
  CHAIR: ['主席', 'Chair'],
  VICE_CHAIR: ['副主席', 'Vice chair'],
  SECRETARY_GENERAL: ['秘书长', 'Secretary-general'],
  DEPUTY_SECRETARY_GENERAL: ['副秘书长', 'Deputy secretary-general'],
  COMMITTEE_MEMBER: ['委员', 'Committee member'],
  SECRETARIAT_STAFF: ['秘书处工作人员', 'Secretariat staff'],
  LIAISON_OFFICER: ['联络员', 'Liaison officer'],
  REPRESENTATIVE_CONGRESS: ['会员代表大会', "Representatives' congress"],
  GENERAL_ASSEMBLY: ['会员大会', 'General assembly'],
  POLITICAL_GUIDANCE: ['政治引领', 'Political guidance'],
  ACADEMIC_EXCHANGE: ['学术交流', 'Academic exchange'],
  TECHNICAL_PROBLEM_SOLVING: ['技术攻关', 'Technical problem solving'],
  TRAINING: ['培训', 'Training'],
  SCIENCE_POPULARISATION: ['科学普及', 'Science popularisation'],
  THINK_TANK: ['决策咨询', 'Think tank'],
  CULTURE_AND_INTEGRITY: ['科学文化与诚信', 'Culture and integrity'],
  OTHER: ['其他', 'Other'],
  COMMENDATION: ['表彰', 'Commendation'],
  NATIONAL_AWARD_RECOMMENDATION: ['国家奖项推荐', 'National award recommendation'],
  CHONGQING_AWARD_RECOMMENDATION: ['重庆市奖项推荐', 'Chongqing award recommendation'],
  SOCIAL_AWARD_RECOMMENDATION: ['社会奖项推荐', 'Social award recommendation'],
  ENGINEER_QUALIFICATION: ['工程师资格', 'Engineer qualification'],
  PROFESSIONAL_TITLE: ['职称', 'Professional title'],
  PATENT: ['专利', 'Patent'],
  TRANSFERRED_RESULT: ['成果转化', 'Transferred result'],
  PENDING: ['待定', 'Pending'],
  GRANTED: ['已授予', 'Granted'],
  NOT_GRANTED: ['未授予', 'Not granted'],
  SCIENCE_TECHNOLOGY_WORKER: ['科技工作者', 'Science and technology worker'],
  MANAGER: ['管理人员', 'Manager'],
  SENIOR_SKILLED_WORKER: ['高技能人才', 'Senior skilled worker'],
  APPROVED: ['批准成立', 'Approved'],
  FILED: ['备案成立', 'Filed'],
  TRANSFERRED: ['转隶', 'Transferred'],
  WARNED: ['警告', 'Warned'],
  RECTIFICATION_ORDERED: ['责令整改', 'Rectification ordered'],
  RECTIFICATION_COMPLETED: ['整改完成', 'Rectification completed'],
  RELATIONSHIP_STARTED: ['关系建立', 'Relationship started'],
  RELATIONSHIP_ENDED: ['关系终止', 'Relationship ended'],
  DEREGISTRATION_APPLIED: ['申请注销', 'Deregistration applied'],
  GROUP_MEMBERSHIP_APPLIED: ['申请团体会员', 'Group membership applied'],
  APPROVAL_MODE_CHANGED: ['审批方式变更', 'Approval mode changed'],
};

/** The same function while the language stays, so charts that depend on it are not redrawn on every render. */
export function useValue(): (value: string | null | undefined) => string {
  const { lang } = useLang();
  return useCallback(
    (value: string | null | undefined) => {
      if (!value) return '—';
      const names = VALUES[value];
      return names ? names[lang === 'zh' ? 0 : 1] : value;
    },
    [lang],
  );
}
