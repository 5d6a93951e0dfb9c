// Panorama's HTTP server over an existing data directory, for the look-up load: `buildApp` as
// `panorama serve` builds it (live identity off and the view cache on, the defaults). Prints
// `listening on <url>`; `/health` tells the view cache's state.
import { parseArgs } from 'node:util';
import { readSettings } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { openDuckDBStore } from '../../src/store/duckdb/duckdb-store.ts';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
if (!values.data) throw new Error('--data is required');
const settings = readSettings({}, { dataDir: values.data, port: 0, liveIdentity: false });
const store = await openDuckDBStore(settings.dataDir);
const panorama = await buildApp(store, settings);
const url = await panorama.app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on ${url}\n`);
// Nothing to flush: the benchmark only reads. (Closing DuckDB under a just-finished load has
// aborted the process in glibc's mutex code; the store is opened again by the benchmark after.)
// Closing the app closes the view cache, which notes the digest of the tables (a clean stop).
process.once('SIGTERM', () => {
  void panorama.app.close().then(() => process.exit(0));
});
