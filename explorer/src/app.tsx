// The frame every view shares: the header (where you are, who you are, the language), and the view of the address.
import { lazy, Suspense, useState } from 'react';
import { useLang, useValue } from './i18n.tsx';
import { Dashboard } from './pages/dashboard.tsx';
import { Find } from './pages/find.tsx';
import { GraphView } from './pages/graph.tsx';
import { OrganisationPage } from './pages/organisation.tsx';
import { SignIn } from './pages/sign-in.tsx';
import { SocietyPage } from './pages/society.tsx';
import { SocietyLinksPage } from './pages/society-links.tsx';
import { href, useRoute } from './router.ts';
import { loadSession, ROLE_SCOPE, saveSession, type Session } from './session.ts';

// GraphiQL and its editor are large: loaded only when its page is opened.
const GraphiQLPage = lazy(() => import('./pages/graphiql.tsx'));

export function App() {
  const { lang, setLang, t } = useLang();
  const value = useValue();
  const route = useRoute();
  const [session, setSessionState] = useState<Session>(loadSession);
  const setSession = (next: Session) => {
    saveSession(next);
    setSessionState(next);
  };
  const [view = 'find'] = route.path;
  const nav: [string, string, string][] = [
    ['find', '查找', 'Find'],
    ['graph', '关系图', 'Graph'],
    ['dashboard', '仪表盘', 'Dashboard'],
    ['graphiql', 'GraphiQL', 'GraphiQL'],
    // Pages of one role: a partner society's member list and links, a secretariat's links to confirm.
    ...(session.identity.role === 'SOCIETY' ? [['society', '学会会员', 'Society members'] as [string, string, string]] : []),
    ...(session.identity.role === 'SECRETARIAT' ? [['society-links', '待确认的学会关联', 'Society links to confirm'] as [string, string, string]] : []),
  ];
  return (
    <>
      <a className="skip" href="#main">
        {t('跳到正文', 'Skip to content')}
      </a>
      <header className="top">
        <a className="brand" href={href(['find'])}>
          {t('重庆科协组织图谱', 'Chongqing Association Explorer')}
        </a>
        <nav aria-label={t('主导航', 'Main')}>
          {nav.map(([id, zh, en]) => (
            <a key={id} href={href([id])} aria-current={view === id ? 'page' : undefined}>
              {t(zh, en)}
            </a>
          ))}
        </nav>
        <a className="who" href={href(['sign-in'])} title={t(...ROLE_SCOPE[session.identity.role])} data-testid="who">
          {session.token ? `${value(session.identity.role)} · ${session.identity.subject}` : t('登录', 'Sign in')}
        </a>
        <button type="button" className="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
          {lang === 'zh' ? 'English' : '中文'}
        </button>
      </header>
      <main id="main">
        {view === 'sign-in' && <SignIn session={session} setSession={setSession} />}
        {view === 'find' && <Find session={session} route={route} />}
        {view === 'org' && route.path[1] && <OrganisationPage key={route.path[1]} id={route.path[1]} session={session} route={route} />}
        {view === 'graph' && <GraphView session={session} route={route} />}
        {view === 'dashboard' && <Dashboard session={session} />}
        {view === 'society' && <SocietyPage session={session} route={route} />}
        {view === 'society-links' && <SocietyLinksPage session={session} route={route} />}
        {view === 'graphiql' && (
          <Suspense fallback={<p>{t('正在加载 GraphiQL…', 'Loading GraphiQL…')}</p>}>
            <GraphiQLPage session={session} />
          </Suspense>
        )}
      </main>
    </>
  );
}
