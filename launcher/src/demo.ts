// The demo roles: the tokens `npm start` prints, and the roles the explorer's sign-in page offers in development.
import type { Database } from '@cq/db';
import { demoScopes } from '@cq/db/seed';
import type { DemoSignIn } from '@cq/gateway';

export async function demoSignIns(database: Database): Promise<DemoSignIn[]> {
  const scopes = await demoScopes(database.db);
  return [
    { labelZh: '市科协工作人员', labelEn: 'municipal staff', identity: { subject: 'municipal.staff', role: 'MUNICIPAL_STAFF', organisationId: null } },
    { labelZh: `沙坪坝区科协工作人员（组织 ${scopes.district}）`, labelEn: `district staff of 沙坪坝区 (organisation ${scopes.district})`, identity: { subject: 'shapingba.staff', role: 'DISTRICT_STAFF', organisationId: scopes.district } },
    { labelZh: `企业科协秘书处（组织 ${scopes.association}）`, labelEn: `secretariat of organisation ${scopes.association}`, identity: { subject: 'secretariat', role: 'SECRETARIAT', organisationId: scopes.association } },
    { labelZh: `合作学会（组织 ${scopes.society}）`, labelEn: `partner society (organisation ${scopes.society})`, identity: { subject: 'society', role: 'SOCIETY', organisationId: scopes.society } },
    { labelZh: '数据分析员', labelEn: 'analyst', identity: { subject: 'analyst', role: 'ANALYST', organisationId: null } },
  ];
}
