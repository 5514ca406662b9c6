// Pieces the views share: errors in words a person can act on, a section that may be refused, the "as of" date,
// paging.
import { type ReactNode, useState } from 'react';
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

/** Previous and next page of a list, and which page this is. */
export function Pager({ page, hasNext, onPrevious, onNext }: { page: number; hasNext: boolean; onPrevious(): void; onNext(): void }) {
  const { t } = useLang();
  return (
    <nav className="pager" aria-label={t('分页', 'Pages')}>
      {page > 1 && (
        <button type="button" onClick={onPrevious}>
          {t('上一页', 'Previous')}
        </button>
      )}
      <span>{t(`第 ${page} 页`, `Page ${page}`)}</span>
      {hasNext && (
        <button type="button" onClick={onNext}>
          {t('下一页', 'Next')}
        </button>
      )}
    </nav>
  );
}

/** Paging kept in the page's state: the cursor of each page reached, so that "previous" goes back one. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    previous: () => setCursors((c) => c.slice(0, -1)),
    next: (endCursor: string | null) => setCursors((c) => [...c, endCursor]),
    reset: () => setCursors([null]),
  };
}
