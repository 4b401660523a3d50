import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessTablesMarkdown } from '../../src/docs/access-tables';

describe('README access tables', () => {
  it('PAR-VOL-CONF / GRV-WITHDRAW: the README shows who may do and see what exactly as the code enforces it', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const block = /<!-- access-tables:begin -->\n([\s\S]*?)\n<!-- access-tables:end -->/.exec(readme)?.[1];
    expect(block, 'README.md has no access-tables block').toBeDefined();
    expect(block, 'the README access tables drifted from the code: paste `npm run docs:access` between the markers').toBe(accessTablesMarkdown());
  });
});
