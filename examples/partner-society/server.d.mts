// Types of server.mjs, for TypeScript callers (the hub's tests); the example itself is plain JavaScript.
export interface PartnerIdentity {
  subject: string;
  role: string;
  organisationId: string | null;
}
export interface Fellowship {
  society: string;
  grade: string;
  since: string;
}
export declare const schemaPath: string;
export declare const IDENTITY_HEADER: 'x-cq-identity';
export declare const FELLOWSHIPS: Record<string, Fellowship[]>;
export declare function identityVerifier(options: { jwksUrl: string; name: string }): (token: string | undefined) => Promise<PartnerIdentity>;
export declare function startPartner(options: {
  port?: number;
  host?: string;
  jwksUrl: string;
  name: string;
  fellowships?: Record<string, Fellowship[]>;
  onIdentity?: (identity: PartnerIdentity, token: string) => void;
}): Promise<{ url: string; close(): Promise<void> }>;
