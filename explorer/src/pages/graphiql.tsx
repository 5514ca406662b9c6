// GraphiQL, bundled from the graphiql package (its editor's workers too), sending the signed-in caller's token. In
// production the gateway lets signed-in staff read the schema for the docs explorer, and nobody else.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { useMemo } from 'react';
import { useLang } from '../i18n.tsx';
import type { Session } from '../session.ts';

const EXAMPLE = `# 示例 · Examples: press ▶ to run. The docs explorer (📖) lists every field.
query CountsAndDistricts {
  organisationCounts(groupBy: [KIND]) { kind count }
  districts { code nameZh }
}
`;

export default function GraphiQLPage({ session }: { session: Session }) {
  const { t } = useLang();
  const fetcher = useMemo(
    () => createGraphiQLFetcher({ url: `${location.origin}/graphql`, headers: session.token ? { authorization: `Bearer ${session.token}` } : {} }),
    [session.token],
  );
  return (
    <section aria-label="GraphiQL" className="graphiql-box">
      {!session.token && <p className="muted">{t('未登录：只能查询公开名录。', 'Not signed in: only the public directory answers.')}</p>}
      <GraphiQL fetcher={fetcher} defaultQuery={EXAMPLE} />
    </section>
  );
}
