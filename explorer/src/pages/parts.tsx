// Pieces the views share: errors in words a person can act on, a section that may be refused, the "as of" date.
import type { ReactNode } from 'react';
import type { ApiError } from '../api.ts';
import { useLang } from '../i18n.tsx';

export function Errors({ errors }: { errors: ApiError[] }) {
  if (!errors.length) return null;
  return (
    <div role="alert" className="error">
      {errors.map((e, i) => (
        <p key={i}>
          {e.message}
          {e.extensions?.code && <code> {e.extensions.code}</code>}
        </p>
      ))}
    </div>
  );
}

/** A section of a page: its content, or why the caller may not see it (a refused field is never shown as empty). */
export function Section({ id, title, errors, children }: { id: string; title: string; errors: ApiError[]; children: ReactNode }) {
  const { t } = useLang();
  const refused = errors.find((e) => ['FORBIDDEN', 'UNAUTHENTICATED', 'PERSONAL_DATA_WITHHELD'].includes(e.extensions?.code ?? ''));
  return (
    <section aria-labelledby={`${id}-title`} className="card" data-testid={`section-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {refused ? (
        <p className="muted" data-testid="no-access">
          {t('当前角色无权查看此部分。', 'Your role may not see this section.')} <code>{refused.extensions?.code}</code>
        </p>
      ) : errors.length ? (
        <Errors errors={errors} />
      ) : (
        children
      )}
    </section>
  );
}

export function AsOf({ value, onChange }: { value: string; onChange(value: string): void }) {
  const { t } = useLang();
  return (
    <label className="as-of">
      {t('截至日期', 'As of')}
      <input type="date" value={value} max="2100-12-31" onChange={(e) => e.target.value && onChange(e.target.value)} />
    </label>
  );
}
