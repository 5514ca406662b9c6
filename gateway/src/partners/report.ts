// What a composition attempt says: for each partner whether it was accepted and, if not, why, in Chinese with
// English beside. GET /partners answers it; POST /partners/reload answers it with 200 or 422.

export interface PartnerResult {
  name: string;
  accepted: boolean;
  problems: string[];
}

export interface PartnerReport {
  /** Every partner accepted and the file read without problems. */
  ok: boolean;
  partners: PartnerResult[];
  /** Problems of the partners file as a whole (then no partner could be read); absent when there are none. */
  problems?: string[];
  /** When the attempt was made (ISO 8601). */
  composedAt: string;
}

/** `合作方 cqmes：… (partner cqmes: …)`, with where it is (file:line:column, or the detail) after it when known. */
export function partnerProblem(partner: string, zh: string, en: string, where?: string): string {
  return `合作方 ${partner}：${zh} (partner ${partner}: ${en})${where ? ` — ${where}` : ''}`;
}
