import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { todayInChina } from '@cq/domain';

describe('Configuration from the environment', () => {
  it('defaults to the embedded database and the standard ports', () => {
    const c = loadConfig({ NODE_ENV: 'development' });
    expect(c.subgraphs.people).toEqual({ port: 4002, databaseUrl: undefined, url: 'http://127.0.0.1:4002/graphql' });
    expect(c.gatewayPort).toBe(4000);
    expect(c.pgliteDir).toBe('.data/pglite');
  });

  it('gives every subgraph DATABASE_URL unless it has a URL of its own', () => {
    const c = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://a@h/x', PEOPLE_DATABASE_URL: 'postgres://a@h/people' });
    expect(c.subgraphs.organisations.databaseUrl).toBe('postgres://a@h/x');
    expect(c.subgraphs.people.databaseUrl).toBe('postgres://a@h/people');
  });

  it('uses the development secrets only when NODE_ENV says development or test, and refuses to start otherwise', () => {
    for (const NODE_ENV of [undefined, 'production']) {
      expect(() => loadConfig(NODE_ENV ? { NODE_ENV } : {})).toThrow(/AUTH_SECRET .*INTERNAL_SECRET/);
      expect(() => loadConfig({ ...(NODE_ENV ? { NODE_ENV } : {}), AUTH_SECRET: 'x'.repeat(32) })).toThrow(/INTERNAL_SECRET/);
    }
    const real = loadConfig({ AUTH_SECRET: 'a'.repeat(32), INTERNAL_SECRET: 'b'.repeat(32) });
    expect(real.auth).toMatchObject({ secret: 'a'.repeat(32), internalSecret: 'b'.repeat(32), development: false });
    expect(loadConfig({ NODE_ENV: 'development' }).auth.development).toBe(true);
  });

  it('serves metrics unless switched off, and traces only to an endpoint the operator names', () => {
    const dev = { NODE_ENV: 'development' };
    expect(loadConfig(dev).observability).toEqual({ metrics: true, tracesEndpoint: undefined });
    expect(loadConfig({ ...dev, METRICS_ENABLED: 'false' }).observability.metrics).toBe(false);
    expect(loadConfig({ ...dev, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).observability.tracesEndpoint).toBe('http://collector:4318/v1/traces');
    const both = { ...dev, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/in' };
    expect(loadConfig(both).observability.tracesEndpoint).toBe('http://traces:4318/in');
    expect(() => loadConfig({ ...dev, METRICS_ENABLED: 'maybe' })).toThrow(/METRICS_ENABLED/);
  });

  it('says which variable is wrong', () => {
    expect(() => loadConfig({ GATEWAY_PORT: 'eighty' })).toThrow(/GATEWAY_PORT/);
    expect(() => loadConfig({ DEMO_SCALE: 'huge' })).toThrow(/DEMO_SCALE/);
  });
});

describe('Dates in China Standard Time', () => {
  it('turns the day at 16:00 UTC, midnight in Chongqing', () => {
    expect(todayInChina(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(todayInChina(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });
});
