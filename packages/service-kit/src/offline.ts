// Nothing leaves the machine unless its operator names a destination. Apollo's libraries reach out on their own in
// three ways; each is switched off here, in code, so that no environment variable (a stray APOLLO_KEY) turns one on.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';

/**
 * @apollo/gateway's constructor starts an OpenTelemetry meter that probes the metadata endpoints of four clouds and
 * exports usage metrics to Apollo every hour, unless this variable is set when it runs. Call before `new ApolloGateway`.
 */
export function disableGatewayTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}

/**
 * For every Apollo Server here: no usage or schema reporting to Apollo's cloud, and a landing page of our own in
 * place of Apollo Sandbox, which a browser would load from a CDN that an intranet cannot reach.
 */
export function localOnlyPlugins(serviceName: string): ApolloServerPlugin<BaseContext>[] {
  return [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled(), landingPage(serviceName)];
}

function landingPage(serviceName: string): ApolloServerPlugin<BaseContext> {
  const html = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>重庆科协组织图谱 GraphQL 接口 · ${serviceName}</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
code,pre{background:#f0f2f5;border-radius:4px;padding:.1rem .3rem}pre{padding:.8rem;overflow-x:auto}.en{color:#52606d}</style>
</head>
<body>
<h1>重庆科协组织图谱 GraphQL 接口</h1>
<p class="en">GraphQL endpoint of the Chongqing science and technology association graph (${serviceName}).</p>
<p>请以 <code>POST</code> 方式向本地址发送 GraphQL 请求（<code>content-type: application/json</code>）；需要权限的数据请附上
<code>Authorization: Bearer &lt;令牌&gt;</code>。</p>
<p class="en">Send GraphQL requests to this address with <code>POST</code> (<code>content-type: application/json</code>);
add <code>Authorization: Bearer &lt;token&gt;</code> for data that needs a role.</p>
<pre>curl -s URL -H 'content-type: application/json' \\
  -d '{"query":"{ organisations(first: 3) { totalCount edges { node { id nameZh } } } }"}'</pre>
<script>document.querySelector('pre').textContent = document.querySelector('pre').textContent.replace('URL', location.href)</script>
</body>
</html>
`;
  return {
    async serverWillStart() {
      return { async renderLandingPage() { return { html }; } };
    },
  };
}
