/**
 * Model names and folder ids. A name is what the student typed, tidied; an id is the
 * folder it lives in: lowercase a–z, 0–9 and '-', derived from the name and made
 * unique with a numeric suffix. Whatever a name holds ('../../etc/passwd', control
 * characters, a Windows device name), its id is a plain folder name inside the library.
 */
import path from 'node:path';
import { msg } from '../../engine';
import { HostError } from './hostError';

/** What the contract accepts as a model id. */
export const MODEL_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
export const MAX_NAME_CHARS = 80;
/** Room left in an id for a "-123" suffix. */
const MAX_SLUG_CHARS = 60;

// Control characters, and the invisible bidirectional overrides that can make a name read backwards.
const INVISIBLE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** Folder names Windows refuses whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** Trims, collapses whitespace, and strips control characters and path separators; throws if nothing is left. */
export function cleanModelName(raw: string): string {
  // Tabs and line breaks become spaces; other control characters go.
  const name = raw.normalize('NFC').replace(/\s/g, ' ').replace(INVISIBLE, '').replace(/[/\\]/g, ' ').replace(/\s+/g, ' ').trim();
  if (name === '') throw new HostError('invalid-request', msg('library.nameRequired'));
  return [...name].slice(0, MAX_NAME_CHARS).join('').trim();
}

/** Names are the same when they differ only in case. */
export function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}

/** The id a name would get before de-duplication: "My CNN (v2)" → "my-cnn-v2". */
export function slugFor(name: string): string {
  let slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, MAX_SLUG_CHARS).replace(/-+$/, '');
  if (slug === '') slug = 'model';
  if (WINDOWS_RESERVED.test(slug)) slug = `${slug}-model`;
  return slug;
}

/** `base`, else `base-2`, `base-3`, … : the first that `taken` says is free. */
export async function uniqueId(base: string, taken: (id: string) => Promise<boolean> | boolean): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!(await taken(id))) return id;
  }
}

/** Whether `id` was derived from `slug` ("mnist-net" and "mnist-net-3" both are). */
export function idMatchesSlug(id: string, slug: string): boolean {
  return id === slug || (id.startsWith(`${slug}-`) && /^\d+$/.test(id.slice(slug.length + 1)));
}

/** `name`, else "name (2)", "name (3)", … : the first not in `names` (compared ignoring case). */
export function uniqueName(name: string, names: readonly string[]): string {
  const used = (n: string) => names.some((m) => sameName(m, n));
  if (!used(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = [...name].slice(0, MAX_NAME_CHARS - suffix.length).join('').trimEnd() + suffix;
    if (!used(candidate)) return candidate;
  }
}

/** The folder of model `id` inside `root`; refuses anything that is not a plain id. */
export function modelFolder(root: string, id: string): string {
  if (typeof id !== 'string' || !MODEL_ID.test(id)) throw new HostError('invalid-request', msg('library.notAnId'));
  const base = path.resolve(root);
  const folder = path.resolve(base, id);
  if (path.dirname(folder) !== base) throw new HostError('invalid-request', msg('library.notAnId'));
  return folder;
}
