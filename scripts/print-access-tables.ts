// `npm run docs:access`: the access tables of every case family, as the README carries them.
import { accessTablesMarkdown } from '../src/docs/access-tables';

process.stdout.write(`${accessTablesMarkdown()}\n`);
