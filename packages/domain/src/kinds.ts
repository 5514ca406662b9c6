// Which organisations the rules speak of as 企业科协 (Art. 1: enterprise, park and consortium associations): they have
// individual members (Art. 20), congresses, committees and annual evaluations, and may join a body as a group member
// (Art. 17). Federations (联合会), whose members are associations, workstations and the district and municipal
// associations do not.
export const MEMBER_KINDS = ['ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM'] as const;

export const hasMembers = (kind: string): boolean => (MEMBER_KINDS as readonly string[]).includes(kind);
