import { tmpdir } from 'node:os';
import type { Command } from 'commander';
import { CHANGE_STATES, type ChangeState, type ContentChange } from '../../common/hub/api/content-edits';
import { localDateTime } from '../../common/local-date';
import { EXIT_USAGE, fail } from '../../server-kit/cli/exit-codes';
import { overlay, publishedEdits, readChanges } from '../content-edits/change-rows';
import { contentDirSource } from '../content-edits/content-dir-source';
import { DEFAULT_CONTENT_DIR } from '../content-source/build-edited-release';
import type { HubDb } from '../storage/schema';
import { withStorage } from './cli-storage';

type GlobalOpts = { dataDir?: string };

/** The change asked for does not exist. */
export const EXIT_NO_CHANGE = 2;

function changeLine(c: ContentChange): string {
  const release = c.releaseNumber === null ? '' : `  release ${c.releaseNumber}`;
  const reviewer = c.reviewer === null ? '' : `, reviewed by ${c.reviewer.name}`;
  return (
    `${String(c.changeId).padStart(4)}  ${c.state.padEnd(9)}  ${c.kind} ${c.itemId}${c.item === null ? ' (deleted)' : ''}` +
    `  by ${c.author.name}${reviewer}, ${localDateTime(new Date(c.updatedAt))}${release}`
  );
}

/** The items as they stand (the content folder beside the hub's code with every published change), for a change's `current`. */
async function currentItems(db: HubDb) {
  // Nothing is built here: the work folder is never used.
  const source = contentDirSource({ contentDir: DEFAULT_CONTENT_DIR, workDir: tmpdir() });
  return overlay(await source.baseItems(), await publishedEdits(db));
}

/**
 * `hubctl content changes|show`: the console's content changes, read only —
 * drafts are written, reviewed and approved in the console, where four eyes
 * are two signed-in administrators.
 */
export function addContentCommands(program: Command): void {
  const content = program
    .command('content')
    .description('content changes made in the console (drafts, review, published), read only');

  content
    .command('changes')
    .option('--state <state>', `only those ${CHANGE_STATES.join(' | ')}`)
    .option('--json', 'print JSON')
    .description('open changes first, then the latest closed ones, newest first')
    .action(async (opts: { state?: string; json?: boolean }, cmd: Command) => {
      if (opts.state !== undefined && !(CHANGE_STATES as readonly string[]).includes(opts.state))
        fail(`--state: expected one of ${CHANGE_STATES.join(', ')}; got "${opts.state}"`, EXIT_USAGE);
      const state = opts.state as ChangeState | undefined;
      const changes = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, async (s) => {
        const items = new Map();
        if (state !== undefined) return readChanges(s.db, items, { states: [state] });
        return [
          ...(await readChanges(s.db, items, { states: ['draft', 'in-review'] })),
          ...(await readChanges(s.db, items, { states: ['rejected', 'published', 'withdrawn', 'failed'], limit: 100 })),
        ];
      });
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(changes, null, 2)}\n`);
        return;
      }
      if (changes.length === 0) process.stdout.write('no content changes\n');
      for (const c of changes) process.stdout.write(`${changeLine(c)}\n`);
    });

  content
    .command('show')
    .argument('<change-id>', 'the id `content changes` gives')
    .option('--json', 'print JSON')
    .description('one change: its fields, the item as it stands now, its problems, review and release')
    .action(async (idText: string, opts: { json?: boolean }, cmd: Command) => {
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) fail(`expected a change id (a whole number), got "${idText}"`, EXIT_USAGE);
      const [change] = await withStorage(cmd.optsWithGlobals<GlobalOpts>().dataDir, { create: false }, async (s) =>
        readChanges(s.db, await currentItems(s.db), { id }),
      );
      if (change === undefined) fail(`there is no content change ${id}`, EXIT_NO_CHANGE);
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(change, null, 2)}\n`);
        return;
      }
      const lines = [
        changeLine(change),
        ...(change.reviewNote === null ? [] : [`review note: ${change.reviewNote}`]),
        ...(change.failure === null ? [] : [`not published: ${change.failure}`]),
        ...change.problems.map((p) => `problem: ${p.field} ${p.code} ${JSON.stringify(p.params)}`),
        `now:    ${JSON.stringify(change.current?.fields ?? null)}`,
        `change: ${JSON.stringify(change.item?.fields ?? null)}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
