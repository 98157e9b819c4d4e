import type { Deps } from '../deps.js';
import type { Session } from '../session.js';
import type { SourceSpec } from '../spec/report-spec.js';
import type { ReportSource } from './report-source.js';

/**
 * The report source a spec names, built at the composition root. Each kind loads on first use, here and only
 * here: an API report never compiles the stores, a file report neither the stores nor the HTTP layer.
 */
export async function openSource(spec: SourceSpec, session: Session, deps: Deps): Promise<ReportSource> {
  switch (spec.kind) {
    case 'api': {
      if (!session.client) throw new Error('internal: an API report without a client');
      return (await import('./api-source.js')).apiSource(session.client, session, deps, spec.via);
    }
    case 'file':
      return (await import('./file-source.js')).fileSource(spec.path, session, deps);
    case 'db':
      return (await import('./db-source.js')).dbSource(session, deps);
  }
}
