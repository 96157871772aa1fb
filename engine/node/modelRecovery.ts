import { randomBytes } from 'node:crypto';
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * How model folders change on disk so that a crash at any point leaves a state that
 * says, by names alone, what to finish or undo. For a model folder `X`, every change
 * uses one random suffix S:
 *
 *   X.tmp-S   being written, or being thrown away: never a model by itself.
 *   X.old-S   the previous X, set aside during an overwrite. It is only created once
 *             X.tmp-S is complete and synced, so its presence vouches for X.tmp-S.
 *
 * Save (new or overwrite):  write X.tmp-S → [X → X.old-S] → X.tmp-S → X → delete X.old-S.
 * Delete:                   X → X.tmp-S → delete X.tmp-S.
 * Files inside a folder (model.json rewritten by a rename) use `model.json.tmp-S` the same way.
 *
 * Recovery, in one pass over the parent folder:
 *   X missing, X.old-S present, X.tmp-S present → the overwrite had a complete new model: X.tmp-S → X.
 *   X missing, X.old-S present, no X.tmp-S      → the new one was already in place or lost: X.old-S → X.
 *   then every remaining *.tmp-* and *.old-* is deleted (without following links).
 * So after recovery each model is there exactly once, with its old or its new content.
 */
const SUFFIX_LENGTH = 12;
const PENDING = new RegExp(`^(.+)\\.(tmp|old)-([0-9a-f]{${SUFFIX_LENGTH}})$`);

/** A point in an operation where a test can stop it (as a kill would) or make it fail (as a full disk would). */
export type StepHook = (step: string) => void | Promise<void>;

export const newSuffix = (): string => randomBytes(SUFFIX_LENGTH / 2).toString('hex');
export const tempOf = (p: string, suffix: string): string => `${p}.tmp-${suffix}`;
export const asideOf = (p: string, suffix: string): string => `${p}.old-${suffix}`;

/** Whether a name in a models folder is part of an unfinished change (not a model). */
export const isPending = (name: string): boolean => PENDING.test(name);

const lexists = (p: string) => lstat(p).then(() => true, () => false);

/** Deletes a folder or file so that a crash midway leaves only a `.tmp-` that recovery removes. */
export async function discard(p: string, step?: StepHook): Promise<void> {
  const trash = tempOf(p, newSuffix());
  await rename(p, trash);
  await step?.('discard:renamed');
  // rm deletes a link itself, never what it points to.
  await rm(trash, { recursive: true, force: true });
}

/** Finishes or undoes the changes a crash interrupted in `dir` (see above); returns what it did, for logs. */
export async function recoverFolder(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const done: string[] = [];
  const pending = names.flatMap((name) => {
    const m = PENDING.exec(name);
    return m ? [{ name, base: m[1]!, kind: m[2] as 'tmp' | 'old', suffix: m[3]! }] : [];
  });
  for (const old of pending.filter((p) => p.kind === 'old')) {
    const target = path.join(dir, old.base);
    if (await lexists(target)) continue;
    const temp = tempOf(target, old.suffix);
    if (await lexists(temp)) {
      await rename(temp, target);
      done.push(`completed the save of ${old.base}`);
    } else {
      await rename(path.join(dir, old.name), target);
      done.push(`restored the previous ${old.base}`);
    }
  }
  for (const p of pending) {
    const full = path.join(dir, p.name);
    if (!(await lexists(full))) continue;
    await rm(full, { recursive: true, force: true });
    done.push(`deleted the leftover ${p.name}`);
  }
  return done;
}
