export interface OutboundAttempt {
  pid: number;
  kind: 'dns' | 'connect';
  host: string;
  port: number | null;
}
export function isLocal(host: string | undefined | null): boolean;
export function outboundAttempts(): OutboundAttempt[];
