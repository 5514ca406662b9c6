// Who is signed in: the token the gateway accepts and what it says about its bearer (from /auth/whoami), kept in
// this browser's session storage so a closed tab signs out.
export type Role = 'MUNICIPAL_STAFF' | 'DISTRICT_STAFF' | 'SECRETARIAT' | 'SOCIETY' | 'ANALYST' | 'ANONYMOUS';

export interface Identity {
  subject: string;
  role: Role;
  organisationId: number | null;
}

export interface Session {
  token: string | null;
  identity: Identity;
}

export const ANONYMOUS_SESSION: Session = { token: null, identity: { subject: 'anonymous', role: 'ANONYMOUS', organisationId: null } };
const STORAGE_KEY = 'cq.explorer.session';

export function loadSession(): Session {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return stored?.identity ? stored : ANONYMOUS_SESSION;
  } catch {
    return ANONYMOUS_SESSION;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

/** Asks the gateway who a token names; throws with the gateway's message when it does not verify. */
export async function whoAmI(token: string | null): Promise<Identity> {
  const res = await fetch('/auth/whoami', { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await res.json()) as Identity & { errors?: { message: string }[] };
  if (!res.ok) throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return body;
}

/** What each role may see, as the sign-in page and the header explain it (docs/limits.md). */
export const ROLE_SCOPE: Record<Role, [string, string]> = {
  MUNICIPAL_STAFF: ['全部组织、人员、活动的完整信息，并可办理变更。', 'Everything, in full, and may make changes.'],
  DISTRICT_STAFF: ['本区县科协、其批复或联系的组织及其下级的完整信息。', 'Its district association, what it approved or liaises with, and everything below them.'],
  SECRETARIAT: ['本组织的会员、代表大会、委员会和会议。', "Its own association's members, congresses, committees and meetings."],
  SOCIETY: ['本学会关联的会员及其公开资料。', 'Its own member links and the public profiles of the persons it linked.'],
  ANALYST: ['组织结构与统计数据；不含个人信息。', 'Structure and aggregates; never personal data.'],
  ANONYMOUS: ['公开的组织名录。', 'The public directory of associations.'],
};
