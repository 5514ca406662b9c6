// Refuses, and records, every DNS look-up and TCP connection to a host outside this machine, in the process that
// loads it: a test file imports it, a child process gets it with `--import` (through NODE_OPTIONS). Each attempt is
// kept in memory and, when EGRESS_LOG names a file, appended to it as one JSON line, so a test can fail on it.
// Plain JavaScript so that a child process can load it before any TypeScript loader.
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import net from 'node:net';
import process from 'node:process';

const INSTALLED = Symbol.for('cq.no-egress');
const attempts = (globalThis[INSTALLED] ??= { list: [], installed: false });

/** Loopback names and addresses, and local (Unix socket) paths; everything else is outside. */
export function isLocal(host) {
  if (host === undefined || host === null || host === '') return true; // net defaults to localhost
  const h = String(host).replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

function record(kind, host, port) {
  const attempt = { pid: process.pid, kind, host: String(host), port: port ?? null };
  attempts.list.push(attempt);
  if (process.env.EGRESS_LOG) appendFileSync(process.env.EGRESS_LOG, `${JSON.stringify(attempt)}\n`);
}

function refusal(host) {
  return Object.assign(new Error(`outbound access refused: ${host} is outside this machine`), { code: 'ECONNREFUSED' });
}

function install() {
  if (attempts.installed) return;
  attempts.installed = true;

  const lookup = dns.lookup;
  dns.lookup = function (hostname, options, callback) {
    if (isLocal(hostname)) return lookup.apply(this, arguments);
    record('dns', hostname);
    const done = typeof options === 'function' ? options : callback;
    process.nextTick(done, Object.assign(refusal(hostname), { code: 'ENOTFOUND' }));
    return {};
  };
  const lookupPromise = dns.promises.lookup;
  dns.promises.lookup = function (hostname) {
    if (isLocal(hostname)) return lookupPromise.apply(this, arguments);
    record('dns', hostname);
    return Promise.reject(Object.assign(refusal(hostname), { code: 'ENOTFOUND' }));
  };
  // Name servers are asked directly by resolve*, bypassing lookup: refuse those too.
  for (const target of [dns, dns.promises, dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
    for (const name of Object.keys(target).concat(Object.getOwnPropertyNames(target))) {
      if (!/^resolve/.test(name) || typeof target[name] !== 'function') continue;
      const original = target[name];
      target[name] = function (hostname, ...rest) {
        record('dns', hostname);
        const done = rest.findLast?.((a) => typeof a === 'function');
        if (done) {
          process.nextTick(done, refusal(hostname));
          return undefined;
        }
        if (target === dns.promises || target === dns.promises.Resolver.prototype) return Promise.reject(refusal(hostname));
        return original.call(this, hostname, ...rest);
      };
    }
  }

  // Every TCP connection (net.connect, http, https, tls, fetch) goes through Socket#connect.
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    let host;
    let port;
    if (first !== null && typeof first === 'object') {
      if (first.path) return connect.apply(this, args);
      host = first.host;
      port = first.port;
    } else if (typeof first === 'string' && !/^\d+$/.test(first)) {
      return connect.apply(this, args); // a Unix socket path
    } else {
      port = first;
      host = typeof args[1] === 'string' ? args[1] : undefined;
    }
    if (isLocal(host)) return connect.apply(this, args);
    record('connect', host, port);
    process.nextTick(() => this.destroy(refusal(host)));
    return this;
  };
}

install();

/** The attempts this process made so far. */
export function outboundAttempts() {
  return [...attempts.list];
}
