// 登录 · Sign in: in development, pick a demo role; otherwise paste a token the gateway accepts. The page says who
// the token names and what that role may see.
import { type FormEvent, useEffect, useState } from 'react';
import { useLang, useValue } from '../i18n.tsx';
import { navigate } from '../router.ts';
import { ANONYMOUS_SESSION, type Identity, ROLE_SCOPE, type Session, whoAmI } from '../session.ts';

interface DemoRole {
  labelZh: string;
  labelEn: string;
  identity: Identity;
  token: string;
}

export function SignIn({ session, setSession }: { session: Session; setSession(session: Session): void }) {
  const { t } = useLang();
  const value = useValue();
  const [demo, setDemo] = useState<DemoRole[] | null>(null);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch('/auth/demo')
      .then(async (res) => (res.ok ? ((await res.json()) as { roles: DemoRole[] }).roles : null))
      .then(setDemo, () => setDemo(null));
  }, []);

  const signIn = async (token: string) => {
    setError(null);
    try {
      setSession({ token, identity: await whoAmI(token) });
      navigate(['find']);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const onPaste = (event: FormEvent) => {
    event.preventDefault();
    void signIn(pasted.trim().replace(/^Bearer\s+/i, ''));
  };

  return (
    <section aria-labelledby="sign-in-title" className="narrow">
      <h1 id="sign-in-title">{t('登录', 'Sign in')}</h1>
      <p data-testid="current-identity">
        {t('当前身份：', 'Signed in as: ')}
        <strong>{value(session.identity.role)}</strong>
        {session.token && ` (${session.identity.subject}${session.identity.organisationId ? `, ${t('组织', 'organisation')} ${session.identity.organisationId}` : ''})`}
        <br />
        {t('可查看：', 'May see: ')}
        {t(...ROLE_SCOPE[session.identity.role])}
      </p>
      {session.token && (
        <button type="button" onClick={() => setSession(ANONYMOUS_SESSION)}>
          {t('退出登录', 'Sign out')}
        </button>
      )}
      {demo && (
        <>
          <h2>{t('演示角色（仅开发环境）', 'Demo roles (development only)')}</h2>
          <ul className="roles">
            {demo.map((role) => (
              <li key={role.identity.subject}>
                <button type="button" onClick={() => void signIn(role.token)}>
                  {t(role.labelZh, role.labelEn)}
                </button>
                <span className="muted"> {t(...ROLE_SCOPE[role.identity.role])}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('使用令牌登录', 'Sign in with a token')}</h2>
      <form onSubmit={onPaste}>
        <label htmlFor="token">{t('粘贴身份认证系统签发的令牌', 'Paste a token from your identity provider')}</label>
        <textarea id="token" rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} spellCheck={false} />
        <button type="submit" disabled={!pasted.trim()}>
          {t('登录', 'Sign in')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
