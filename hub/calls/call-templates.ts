import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { CallTemplate } from '../../common/hub/api/call-templates';
import { loadTemplates } from '../../content/build/templates';
import type { ContentProblem } from '../../content/build/source-files';

/**
 * The templates a lawyer may push during a call, read from the same
 * definitions (content/templates/*.yaml) and by the same loader the
 * content builder uses, so the ids and fields are the ones the kiosks'
 * releases carry. Read once, on the first request: they change with a
 * release of the hub, not while it runs.
 */

/** The repository's template folder, beside the hub's code. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../content/templates', import.meta.url));

export function callTemplateList(dir: string, logger: Logger): () => CallTemplate[] {
  let list: CallTemplate[] | undefined;
  return () => {
    if (list !== undefined) return list;
    const problems: ContentProblem[] = [];
    // Citations are the builder's business: the form needs none of them.
    const rows = loadTemplates(
      dir,
      (file) => file,
      () => undefined,
      problems,
    );
    if (problems.length > 0)
      logger.warn(
        { problems: problems.map((p) => `${p.file}:${p.line}: ${p.message}`) },
        'call templates have problems',
      );
    list = rows.map((r) => ({ id: r.id, title: r.title, category: r.category, fields: r.form.fields }));
    return list;
  };
}
