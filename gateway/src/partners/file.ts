// The partners file (PARTNERS_FILE, docs/partners.md): which partner societies' subgraphs join the hub's, where
// they listen and where their SDL comes from.
//
//   { "partners": [ { "name": "cqmes", "url": "http://127.0.0.1:4100/graphql", "sdlFile": "cqmes.graphql" } ] }
//
// `sdlFile` is relative to the partners file; `"introspect": true` instead fetches `{ _service { sdl } }` from the
// url, in development only. Each entry is checked on its own, so one bad entry leaves out that partner alone.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { INTERNAL_HEADER, SUBGRAPHS } from '@cq/service-kit';
import { z } from 'zod';
import { partnerProblem } from './report.ts';

export interface PartnerEntry {
  name: string;
  url: string;
  sdlFile?: string | undefined;
  introspect?: true | undefined;
}

/** A partner as read: its SDL (and what to call it in a report), or why it could not be read. */
export interface LoadedPartner {
  name: string;
  url: string;
  /** The SDL file as the partners file names it, or the url for an introspected partner. */
  source: string;
  sdl?: string;
  problems: string[];
}

const NAME = /^[a-z][a-z0-9_]{1,30}$/;
const HUB = new Set<string>(SUBGRAPHS);

const Entry = z
  .object({
    name: z
      .string()
      .regex(NAME, { message: `名称须为小写字母开头、2–31 个小写字母、数字或下划线 (the name must match ${NAME.source})` })
      .refine((name) => !HUB.has(name), { message: `名称不能与本平台的子图相同 (the name may not be one of the hub's subgraphs: ${SUBGRAPHS.join(', ')})` }),
    url: z.url({ protocol: /^https?$/, message: '地址须为 http(s) URL (the url must be an http(s) URL)' }),
    sdlFile: z.string().min(1).optional(),
    introspect: z.literal(true).optional(),
  })
  .strict()
  .refine((entry) => (entry.sdlFile === undefined) !== (entry.introspect === undefined), {
    message: '须给出 sdlFile 或 "introspect": true 二者之一 (expected exactly one of "sdlFile" or "introspect": true)',
  });

const File = z.object({ partners: z.array(z.unknown()) }).strict();

export interface PartnersFile {
  entries: PartnerEntry[];
  /** Entries refused as written (bad name, url, a name given twice), each with its problems. */
  refused: { name: string; problems: string[] }[];
  /** Problems of the file as a whole (unreadable, not JSON, no "partners" list): no partner can be read. */
  problems: string[];
}

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);

export async function readPartnersFile(file: string): Promise<PartnersFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { entries: [], refused: [], problems: [`合作方文件 ${file} 无法读取 (the partners file ${file} cannot be read): ${error instanceof Error ? error.message : String(error)}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { entries: [], refused: [], problems: [`合作方文件 ${file} 不是 JSON (the partners file ${file} is not JSON): ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = File.safeParse(json);
  if (!parsed.success) {
    return { entries: [], refused: [], problems: issues(parsed.error).map((i) => `合作方文件 ${file} 应为 { "partners": [ … ] } (the partners file ${file} must be { "partners": [ … ] }): ${i}`) };
  }
  const entries: PartnerEntry[] = [];
  const refused: PartnersFile['refused'] = [];
  parsed.data.partners.forEach((raw, index) => {
    const given = (raw as { name?: unknown } | null)?.name;
    const label = typeof given === 'string' && given ? given : `#${index + 1}`;
    const entry = Entry.safeParse(raw);
    if (!entry.success) {
      refused.push({ name: label, problems: issues(entry.error).map((i) => partnerProblem(label, `合作方文件第 ${index + 1} 项无效`, `entry ${index + 1} of the partners file is invalid`, i)) });
    } else if (entries.some((e) => e.name === entry.data.name)) {
      refused.push({ name: label, problems: [partnerProblem(label, `名称在合作方文件中重复（第 ${index + 1} 项）`, `the name is given twice in the partners file (entry ${index + 1})`)] });
    } else {
      entries.push(entry.data);
    }
  });
  return { entries, refused, problems: [] };
}

/** What the poll compares: the partners file and every SDL file it names, by content. */
export async function partnersFingerprint(file: string): Promise<string> {
  const hash = createHash('sha256');
  const add = async (path: string) => {
    try {
      hash.update(path).update('\0').update(await readFile(path)).update('\0');
    } catch (error) {
      hash.update(path).update(`\0unreadable ${(error as { code?: string }).code ?? ''}\0`);
    }
  };
  await add(file);
  const { entries } = await readPartnersFile(file);
  for (const entry of entries) if (entry.sdlFile) await add(resolve(dirname(file), entry.sdlFile));
  return hash.digest('hex');
}

export interface LoadOptions {
  production: boolean;
  /** Signs the introspection request as the anonymous caller: a partner answers nobody without a token. */
  sign: (partner: string) => Promise<string>;
}

/** The partner's SDL from its file, or (development only) from the partner itself. */
export async function loadPartner(file: string, entry: PartnerEntry, options: LoadOptions): Promise<LoadedPartner> {
  const partner = { name: entry.name, url: entry.url, source: entry.sdlFile ?? entry.url, problems: [] as string[] };
  if (entry.sdlFile) {
    const path = resolve(dirname(file), entry.sdlFile);
    try {
      return { ...partner, sdl: await readFile(path, 'utf8') };
    } catch (error) {
      return { ...partner, problems: [partnerProblem(entry.name, `SDL 文件 ${entry.sdlFile} 无法读取`, `the SDL file ${entry.sdlFile} cannot be read (${(error as { code?: string }).code ?? String(error)})`)] };
    }
  }
  if (options.production) {
    return {
      ...partner,
      problems: [
        partnerProblem(
          entry.name,
          '生产环境不允许 "introspect": true，请把合作方的 SDL 存为文件并以 sdlFile 指定',
          '"introspect": true is for development only and is refused in production: save the partner\'s SDL to a file and name it with "sdlFile"',
        ),
      ],
    };
  }
  try {
    const res = await fetch(entry.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: await options.sign(entry.name) },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await res.json().catch(() => null)) as { data?: { _service?: { sdl?: unknown } }; errors?: { message: string }[] } | null;
    const sdl = body?.data?._service?.sdl;
    if (typeof sdl === 'string') return { ...partner, sdl };
    const reason = body?.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`;
    return { ...partner, problems: [partnerProblem(entry.name, `内省未返回 SDL（${entry.url}）`, `introspection of ${entry.url} returned no SDL: ${reason}`)] };
  } catch (error) {
    return { ...partner, problems: [partnerProblem(entry.name, `无法内省 ${entry.url}`, `could not introspect ${entry.url}: ${error instanceof Error ? error.message : String(error)}`)] };
  }
}
